package bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Pinwarden server: {@code java -jar target/pinwarden.jar} as a child process, with
 * its own data directory, port and admin password, logging to {@code bench/target/logs}.
 * With {@code BENCH_JFR=1} it records a JFR file per start into
 * {@code bench/target/jfr}.
 */
final class App implements AutoCloseable {

	static final String ADMIN_PASSWORD = "bench-admin-password";

	/** What to start; {@code dataDir} is reused when a server restarts on the same data. */
	record Spec(String name, Path dataDir, Map<String, String> env, List<String> jvmArgs, List<String> appArgs) {

		Spec(String name, Path dataDir, Map<String, String> env) {
			this(name, dataDir, env, List.of(), List.of());
		}

	}

	final Api api;

	final Process process;

	/** Process start to the first 200 of /actuator/health. */
	final double startSeconds;

	private final Path log;

	private App(Api api, Process process, double startSeconds, Path log) {
		this.api = api;
		this.process = process;
		this.startSeconds = startSeconds;
		this.log = log;
	}

	static App start(Sandbox sandbox, Config config, Spec spec) throws IOException {
		int port = Ports.free();
		List<String> command = new ArrayList<>(List.of(config.java(), "-XX:+UseG1GC"));
		command.addAll(spec.jvmArgs());
		if (config.jfr()) {
			Path jfr = Files.createDirectories(sandbox.keep.resolve("jfr"));
			command.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
					+ jfr.resolve(spec.name() + "-" + System.currentTimeMillis() + ".jfr"));
		}
		// a "-jar" among the JVM arguments starts another jar (the extracted one)
		if (!spec.jvmArgs().contains("-jar")) {
			command.addAll(List.of("-jar", config.jar().toString()));
		}
		command.addAll(spec.appArgs());
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().put("PINWARDEN_DATA_DIR", spec.dataDir().toString());
		builder.environment().put("PINWARDEN_ADMIN_PASSWORD", ADMIN_PASSWORD);
		builder.environment().put("SERVER_PORT", String.valueOf(port));
		builder.environment().putAll(spec.env());
		Path log = Files.createDirectories(sandbox.keep.resolve("logs")).resolve(spec.name() + ".log");
		builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		long started = System.nanoTime();
		Process process = sandbox.start(builder);
		App app = new App(new Api(port, ADMIN_PASSWORD), process, 0, log);
		app.awaitHealthy(120);
		return new App(app.api, process, (System.nanoTime() - started) / 1e9, log);
	}

	/** Polls /actuator/health every 20 ms until it answers 200. */
	private void awaitHealthy(int timeoutSeconds) throws IOException {
		long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IOException("the server exited with " + this.process.exitValue() + "; log:\n" + logTail());
			}
			if (this.api.status("/actuator/health") == 200) {
				return;
			}
			Timing.sleep(20);
		}
		throw new IOException("the server was not healthy within " + timeoutSeconds + " s; log:\n" + logTail());
	}

	/** Peak resident memory of the server process so far (VmHWM), in MiB, or -1. */
	long peakRssMiB() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(this.process.pid()), "status"))) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// gone already
		}
		return -1;
	}

	String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex + ")";
		}
	}

	@Override
	public void close() {
		Sandbox.stop(this.process);
	}

}
