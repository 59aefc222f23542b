package dev.pinwarden.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP server that takes the conversation up to RCPT TO and answers it with a fixed
 * reply, for the failure cases GreenMail does not play: a 550 refusal, a 451 temporary
 * failure; held back until a gate opens, it plays a relay that does not answer.
 */
public final class RefusingSmtpServer implements AutoCloseable {

	private final ServerSocket socket;

	private final String rcptReply;

	private final Thread thread;

	private final CountDownLatch gate;

	private final AtomicInteger recipients = new AtomicInteger();

	public RefusingSmtpServer(String rcptReply) {
		this(rcptReply, new CountDownLatch(0));
	}

	/** Answers each RCPT TO only once {@code gate} is open. */
	public RefusingSmtpServer(String rcptReply, CountDownLatch gate) {
		this.rcptReply = rcptReply;
		this.gate = gate;
		try {
			this.socket = new ServerSocket(0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.thread = new Thread(this::serve, "refusing-smtp");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	public int port() {
		return this.socket.getLocalPort();
	}

	/** How many recipients clients have named, answered or not yet. */
	public int recipients() {
		return this.recipients.get();
	}

	private void serve() {
		while (!this.socket.isClosed()) {
			try (Socket client = this.socket.accept()) {
				converse(client);
			}
			catch (SocketException ex) {
				return;
			}
			catch (IOException ex) {
				// next client
			}
		}
	}

	private void converse(Socket client) throws IOException {
		BufferedReader in = new BufferedReader(
				new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
		Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII);
		reply(out, "220 refusing.test ESMTP");
		String line;
		while ((line = in.readLine()) != null) {
			String command = line.toUpperCase();
			if (command.startsWith("EHLO") || command.startsWith("HELO")) {
				reply(out, "250 refusing.test");
			}
			else if (command.startsWith("MAIL FROM")) {
				reply(out, "250 2.1.0 Ok");
			}
			else if (command.startsWith("RCPT TO")) {
				this.recipients.incrementAndGet();
				try {
					this.gate.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				reply(out, this.rcptReply);
			}
			else if (command.startsWith("RSET") || command.startsWith("NOOP")) {
				reply(out, "250 2.0.0 Ok");
			}
			else if (command.startsWith("QUIT")) {
				reply(out, "221 2.0.0 Bye");
				return;
			}
			else {
				reply(out, "502 5.5.2 Command not recognised");
			}
		}
	}

	private static void reply(Writer out, String line) throws IOException {
		out.write(line + "\r\n");
		out.flush();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
