package dev.pinwarden.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.awaitility.Awaitility;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Servers of the built jar, each in a process of its own as an admin starts it, on a free
 * port, with its output in a log file; all stopped when closed, whichever are still
 * running.
 */
public final class ServerProcesses implements AutoCloseable {

	private final List<Process> processes = new ArrayList<>();

	/** A started server, answering on its port. */
	public record Server(Process process, int port, Path log) {

		public TestApi admin() {
			return TestApi.asAdmin(this.port);
		}

		public String logText() {
			try {
				return Files.readString(this.log);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		/** Stopped at once, with SIGKILL: no shutdown hook runs. */
		public void kill() throws InterruptedException {
			end(this.process, true);
		}

		/** Stopped as a service manager stops it (SIGTERM), shutdown hooks and all. */
		public void stop() throws InterruptedException {
			end(this.process, false);
		}

	}

	/** {@code java -jar target/pinwarden.jar} with these properties. */
	public Server startJar(Map<String, ?> properties) throws Exception {
		return start(List.of("-jar", System.getProperty("pinwarden.jar")), properties);
	}

	/**
	 * A server started with these JVM arguments (the jar among them), the test admin's
	 * password and these properties; answers once its health check does.
	 */
	public Server start(List<String> jvmArguments, Map<String, ?> properties) throws Exception {
		return start(jvmArguments, properties, Map.of());
	}

	/** The same, with these environment variables, as an admin configures a server. */
	public Server start(List<String> jvmArguments, Map<String, ?> properties, Map<String, String> environment)
			throws Exception {
		return start(jvmArguments, properties, environment, null);
	}

	/** The same, started in this directory (or this process's, if null). */
	public Server start(List<String> jvmArguments, Map<String, ?> properties, Map<String, String> environment,
			Path directory) throws Exception {
		Path log = Files.createTempFile("pinwarden-server-", ".log");
		int port = freePort();
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmArguments);
		command.addAll(List.of("--server.port=" + port, "--pinwarden.auth.admin-password=" + TestApi.ADMIN_PASSWORD));
		properties.forEach((name, value) -> command.add("--" + name + "=" + value));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().putAll(environment);
		if (directory != null) {
			builder.directory(directory.toFile());
		}
		return launch(builder, port, log);
	}

	/**
	 * A server started by a shell script, as an admin types a start command from the
	 * README, in this directory; the port and the test admin's password come from the
	 * environment ({@code SERVER_PORT}, {@code PINWARDEN_ADMIN_PASSWORD}).
	 */
	public Server startScript(String script, Path directory) throws Exception {
		Path log = Files.createTempFile("pinwarden-server-", ".log");
		int port = freePort();
		ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
			.directory(directory.toFile());
		Path javaBin = Path.of(System.getProperty("java.home"), "bin");
		builder.environment().put("PATH", javaBin + ":" + System.getenv("PATH"));
		builder.environment().put("SERVER_PORT", String.valueOf(port));
		builder.environment().put("PINWARDEN_ADMIN_PASSWORD", TestApi.ADMIN_PASSWORD);
		return launch(builder, port, log);
	}

	private Server launch(ProcessBuilder builder, int port, Path log) throws Exception {
		Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
		this.processes.add(process);
		Server server = new Server(process, port, log);
		TestApi admin = server.admin();
		Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
			assertThat(process.isAlive()).as("the server is running; its log:%n%s", server.logText()).isTrue();
			try {
				return admin.get("/actuator/health").status() == 200;
			}
			catch (RuntimeException ex) {
				return false;
			}
		});
		return server;
	}

	@Override
	public void close() throws InterruptedException {
		for (Process process : this.processes) {
			end(process, false);
		}
		this.processes.clear();
	}

	/**
	 * Ends the process and what it started: a script's server is the shell's child,
	 * unless the shell became it. What does not end within a minute of SIGTERM is killed.
	 */
	private static void end(Process process, boolean force) throws InterruptedException {
		List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
		all.add(0, process.toHandle());
		for (ProcessHandle handle : all) {
			if (force) {
				handle.destroyForcibly();
			}
			else {
				handle.destroy();
			}
		}
		for (ProcessHandle handle : all) {
			try {
				handle.onExit().get(60, TimeUnit.SECONDS);
			}
			catch (TimeoutException | ExecutionException ex) {
				handle.destroyForcibly();
			}
		}
		process.waitFor();
	}

	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
