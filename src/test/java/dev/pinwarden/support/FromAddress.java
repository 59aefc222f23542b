package dev.pinwarden.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A request from another source address on this machine (127.0.0.2, say: all of
 * 127.0.0.0/8 is this machine's), as from another office. Java 17's HTTP client cannot
 * choose its local address, so this speaks plain HTTP/1.1 over a socket bound to it.
 */
public final class FromAddress {

	private final String localAddress;

	private final int port;

	private FromAddress(String localAddress, int port) {
		this.localAddress = localAddress;
		this.port = port;
	}

	public static FromAddress of(String localAddress, int port) {
		return new FromAddress(localAddress, port);
	}

	/** The status of a GET with HTTP Basic credentials. */
	public int getWithBasic(String path, String username, String password) {
		String credentials = Base64.getEncoder()
			.encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
		return exchange("GET " + path + " HTTP/1.1\r\nAuthorization: Basic " + credentials + "\r\n", "");
	}

	/** The status of a POST of a JSON body, without credentials. */
	public int postJson(String path, String json) {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		return exchange("POST " + path + " HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: " + body.length
				+ "\r\n", json);
	}

	private int exchange(String head, String body) {
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(this.localAddress, 0));
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5_000);
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write((head + "Host: localhost:" + this.port + "\r\nConnection: close\r\n\r\n" + body)
				.getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
			// "HTTP/1.1 200 ..."
			return Integer.parseInt(answer.substring(9, 12));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
