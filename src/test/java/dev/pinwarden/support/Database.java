package dev.pinwarden.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The two databases every persistence test runs on. */
public enum Database {

	H2, POSTGRES;

	/**
	 * Properties that point a Pinwarden instance at a fresh data directory and a fresh
	 * database of this kind.
	 */
	public Map<String, Object> freshInstanceProperties(String name) {
		Path dataDir = newTempDir(name);
		return switch (this) {
			case H2 -> Map.of("pinwarden.data-dir", dataDir.toString());
			case POSTGRES -> Map.of("pinwarden.data-dir", dataDir.toString(), "spring.datasource.url",
					SharedPostgres.newDatabase(name), "spring.datasource.username", "postgres",
					"spring.datasource.password", "postgres");
		};
	}

	private static Path newTempDir(String name) {
		try {
			return Files.createTempDirectory("pinwarden-" + name + "-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
