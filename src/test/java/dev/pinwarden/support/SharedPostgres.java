package dev.pinwarden.support;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.boot.SpringApplication;

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
					// not the library's own JVM hook: see below
					.setRegisterShutdownHook(false)
					.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			// stopped after Spring Boot's shutdown hook has closed the cached test
			// contexts: a JVM hook that ran alongside it left contexts still closing
			// waiting for connections to a server that was gone (surefire killed the
			// fork after 30 s)
			SpringApplication.getShutdownHandlers().add(SharedPostgres::stop);
			// and in a JVM that started no Spring application (the integration tests
			// that run the packaged jar), where that hook never runs, by a JVM hook of
			// its own that waits for Spring's, if there is one
			Runtime.getRuntime().addShutdownHook(new Thread(SharedPostgres::stopAfterSpring, "shared-postgres-stop"));
		}
		return server;
	}

	private static void stopAfterSpring() {
		try {
			// the JVM starts its hooks one after the other, at once: Spring's is alive by
			// then
			Thread.sleep(200);
			for (Thread thread : Thread.getAllStackTraces().keySet()) {
				if (thread.getName().equals("SpringApplicationShutdownHook")) {
					thread.join(60_000);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		stop();
	}

	private static synchronized void stop() {
		if (server == null) {
			return;
		}
		try {
			server.close();
		}
		catch (IOException ex) {
			// the JVM is going away anyway
		}
		server = null;
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
