package dev.pinwarden.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.CipherInputStream;
import javax.crypto.CipherOutputStream;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A request's body (an uploaded file, which may hold PINs) kept for its job: received
 * whole before the request is answered, written to a temporary file readable by this
 * process's user only, encrypted (AES-CTR) under a random key that exists only in this
 * object's memory, and deleted with the job. A file that a process killed meanwhile left
 * behind cannot be read by anyone; its name says the process, so that the next start on
 * the machine deletes it ({@link #deleteLeftByStoppedProcesses}).
 */
public final class StagedInput implements AutoCloseable {

	private final Path file;

	private final byte[] key;

	private final byte[] iv;

	private static final String PREFIX = "pinwarden-job-";

	private static final Pattern LEFT = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-.*\\.staged");

	private long lines;

	private StagedInput(Path file, byte[] key, byte[] iv) {
		this.file = file;
		this.key = key;
		this.iv = iv;
	}

	/** Reads the body to its end into a new staged file. */
	public static StagedInput of(InputStream body) throws IOException {
		SecureRandom random = new SecureRandom();
		byte[] key = new byte[32];
		byte[] iv = new byte[16];
		random.nextBytes(key);
		random.nextBytes(iv);
		Path file = Files.createTempFile(PREFIX + ProcessHandle.current().pid() + "-", ".staged",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		StagedInput staged = new StagedInput(file, key, iv);
		try (OutputStream out = new CipherOutputStream(Files.newOutputStream(file),
				staged.cipher(Cipher.ENCRYPT_MODE))) {
			byte[] buffer = new byte[64 * 1024];
			byte last = '\n';
			for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
				for (int i = 0; i < read; i++) {
					if (buffer[i] == '\n') {
						staged.lines++;
					}
				}
				if (read > 0) {
					last = buffer[read - 1];
				}
				out.write(buffer, 0, read);
			}
			if (last != '\n') {
				staged.lines++;
			}
		}
		catch (IOException | RuntimeException ex) {
			staged.close();
			throw ex;
		}
		return staged;
	}

	/**
	 * Deletes the staged files in this directory whose process is no longer running (a
	 * node killed while it ran a job); how many.
	 */
	public static int deleteLeftByStoppedProcesses(Path directory) throws IOException {
		int deleted = 0;
		try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, PREFIX + "*.staged")) {
			for (Path file : files) {
				Matcher name = LEFT.matcher(file.getFileName().toString());
				if (name.matches() && ProcessHandle.of(Long.parseLong(name.group(1))).isEmpty()
						&& Files.deleteIfExists(file)) {
					deleted++;
				}
			}
		}
		return deleted;
	}

	/** How many lines the body has (a last one without a line break counts too). */
	public long lines() {
		return this.lines;
	}

	/** The body again, as it was received. */
	public InputStream open() {
		try {
			return new CipherInputStream(Files.newInputStream(this.file), cipher(Cipher.DECRYPT_MODE));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Deletes the file. */
	@Override
	public void close() {
		try {
			Files.deleteIfExists(this.file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Cipher cipher(int mode) {
		try {
			Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
			cipher.init(mode, new SecretKeySpec(this.key, "AES"), new IvParameterSpec(this.iv));
			return cipher;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-CTR is not available", ex);
		}
	}

}
