package bench;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;

/**
 * Postfix's smtp-sink, extracted from Debian's postfix package (the daemon is never
 * installed): accepts and discards mail, as fast as SMTP goes.
 */
final class SmtpSink {

	final int port;

	private SmtpSink(int port) {
		this.port = port;
	}

	static SmtpSink start(Sandbox sandbox, Config config) throws IOException {
		int port = Ports.free();
		// -u: as root it must drop privileges to someone; 1000: the listen backlog
		ProcessBuilder builder = new ProcessBuilder(config.smtpSink().toString(), "-u", "nobody",
				"127.0.0.1:" + port, "1000");
		builder.environment().put("LD_LIBRARY_PATH", config.postfixLibs().toString());
		Path log = sandbox.path("smtp-sink.log");
		builder.redirectErrorStream(true).redirectOutput(log.toFile());
		Process process = sandbox.start(builder);
		long deadline = System.nanoTime() + 10_000_000_000L;
		while (true) {
			try (Socket socket = new Socket("127.0.0.1", port)) {
				return new SmtpSink(port);
			}
			catch (IOException ex) {
				if (!process.isAlive() || System.nanoTime() > deadline) {
					throw new IOException("smtp-sink did not start (" + config.smtpSink() + "), see " + log, ex);
				}
				Timing.sleep(50);
			}
		}
	}

}
