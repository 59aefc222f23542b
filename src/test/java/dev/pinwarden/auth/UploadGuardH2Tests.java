package dev.pinwarden.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.OnH2;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file upload nobody logged in may make is refused before its body is read: the servlet
 * container would otherwise write all of it to a temporary file, up to the upload limit,
 * before the request is turned down. Each request here announces 100 MB, sends 256 KB and
 * waits for the answer, which comes only if the server did not wait for the rest.
 */
@OnH2
class UploadGuardH2Tests extends ApiIntegrationTest {

	@Test
	void anUploadToThePagesWithoutASessionIsSentToTheLoginPageUnread() throws IOException {
		assertThat(statusOfAnUploadCutShort("/login")).startsWith("HTTP/1.1 302");
		assertThat(statusOfAnUploadCutShort("/forgot-pin")).startsWith("HTTP/1.1 302");
		assertThat(statusOfAnUploadCutShort("/admin/users/import")).startsWith("HTTP/1.1 302");
	}

	@Test
	void anUploadToTheTerminalApiIsRefusedUnread() throws IOException {
		assertThat(statusOfAnUploadCutShort("/api/v1/terminal/authenticate")).startsWith("HTTP/1.1 415");
	}

	@Test
	void anUploadToTheApiIsRefusedUnread() throws IOException {
		assertThat(statusOfAnUploadCutShort("/api/v1/sync/csv")).startsWith("HTTP/1.1 403");
		assertThat(statusOfAnUploadCutShort("/scim/v2/Users")).startsWith("HTTP/1.1 401");
	}

	private String statusOfAnUploadCutShort(String path) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(5_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
					+ "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 100000000\r\n\r\n"
					+ "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"users.csv\"\r\n"
					+ "Content-Type: text/csv\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.write(new byte[256 * 1024]);
			out.flush();
			// times out (and fails) if the server waits for the rest of the body
			return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
		}
	}

}
