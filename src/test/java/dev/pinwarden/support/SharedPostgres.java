package dev.pinwarden.support;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL server for the whole test run, started from the binaries that come
 * as a Maven dependency (no Docker, nothing installed). As root it runs in a user
 * namespace ({@code unshare -U}), which is how CI runs it.
 */
public final class SharedPostgres {

	private static EmbeddedPostgres server;

	private SharedPostgres() {
	}

	public static synchronized EmbeddedPostgres server() {
		if (server == null) {
			try {
				server = EmbeddedPostgres.builder()
					.setServerConfig("fsync", "off")
					.setServerConfig("synchronous_commit", "off")
					.setServerConfig("full_page_writes", "off")
					.setServerConfig("max_connections", "200")
					.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					server.close();
				}
				catch (IOException ex) {
					// the JVM is going away anyway
				}
			}));
		}
		return server;
	}

	/** A new, empty database on the shared server, so that each context starts clean. */
	public static synchronized String newDatabase(String name) {
		try (var connection = server().getPostgresDatabase().getConnection();
				var statement = connection.createStatement()) {
			statement.execute("drop database if exists " + name);
			statement.execute("create database " + name);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return server().getJdbcUrl("postgres", name);
	}

}
