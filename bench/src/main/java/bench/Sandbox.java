package bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The temp directory and every child process of a run. Everything registered here is
 * stopped, and the directory deleted, when the run ends: normally, on an exception, or
 * on Ctrl-C / SIGTERM (through a shutdown hook), so that no slapd, smtp-sink, server or
 * PostgreSQL outlives the benchmark.
 */
final class Sandbox implements AutoCloseable {

	final Path dir;

	/** Server logs and JFR recordings go here: they outlive the temp dir. */
	final Path keep;

	private final Deque<AutoCloseable> resources = new ArrayDeque<>();

	private final AtomicBoolean closed = new AtomicBoolean();

	/** Set when the JVM is going down (Ctrl-C, SIGTERM): the run's figures are not to be trusted. */
	volatile boolean interrupted;

	Sandbox(Path keep) throws IOException {
		this.dir = Files.createTempDirectory("pinwarden-bench-");
		this.keep = Files.createDirectories(keep);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			this.interrupted = !this.closed.get();
			close();
		}, "bench-cleanup"));
	}

	Path path(String name) {
		return this.dir.resolve(name);
	}

	/** Starts a process that is stopped when the run ends (or earlier, by {@link #stop}). */
	Process start(ProcessBuilder builder) throws IOException {
		Process process = builder.start();
		register(() -> stop(process));
		return process;
	}

	synchronized void register(AutoCloseable resource) {
		this.resources.push(resource);
	}

	/** SIGTERM (servers shut down cleanly, JFR is written), then SIGKILL after 30 s. */
	static void stop(Process process) {
		if (!process.isAlive()) {
			return;
		}
		process.descendants().forEach(ProcessHandle::destroy);
		process.destroy();
		try {
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
	}

	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		synchronized (this) {
			while (!this.resources.isEmpty()) {
				try {
					this.resources.pop().close();
				}
				catch (Exception ex) {
					System.err.println("cleanup: " + ex);
				}
			}
		}
		deleteTree(this.dir);
	}

	static void deleteTree(Path root) {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
