package bench;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One PostgreSQL server for the whole run, from the same embedded binaries the
 * integration tests use (as root, zonky runs it in a user namespace through
 * {@code unshare -U}). Each workload gets a database of its own.
 */
final class Postgres implements AutoCloseable {

	/** zonky's superuser; it has no password (trust authentication on localhost). */
	static final String USER = "postgres";

	private final EmbeddedPostgres server;

	private Postgres(EmbeddedPostgres server) {
		this.server = server;
	}

	static Postgres start(Sandbox sandbox) throws IOException {
		// The integration tests' settings (durability is not what is measured), plus the
		// memory a server for 100,000-user organisations would get: with the default 128 MB
		// of shared buffers and 1 GB of WAL, the million-user sync mostly measures eviction
		// and checkpoints. The baselines run on the same server with the same settings.
		EmbeddedPostgres server = EmbeddedPostgres.builder()
			.setDataDirectory(sandbox.path("postgres"))
			.setServerConfig("fsync", "off")
			.setServerConfig("synchronous_commit", "off")
			.setServerConfig("full_page_writes", "off")
			.setServerConfig("max_connections", "200")
			.setServerConfig("shared_buffers", "1GB")
			.setServerConfig("max_wal_size", "8GB")
			.start();
		Postgres postgres = new Postgres(server);
		sandbox.register(postgres);
		return postgres;
	}

	String url(String database) {
		return "jdbc:postgresql://localhost:" + this.server.getPort() + "/" + database;
	}

	/** A new, empty database (dropped first if a previous workload left one). */
	String createDatabase(String name) throws SQLException {
		try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
			statement.execute("drop database if exists " + name);
			statement.execute("create database " + name);
		}
		return url(name);
	}

	Connection connect(String database) throws SQLException {
		return DriverManager.getConnection(url(database), USER, "");
	}

	/** What the server needs to use {@code database}. */
	Map<String, String> env(String database) {
		return Map.of("PINWARDEN_DB_URL", url(database), "PINWARDEN_DB_USER", USER, "PINWARDEN_DB_PASSWORD", "");
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

}
