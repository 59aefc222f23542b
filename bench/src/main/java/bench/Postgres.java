package bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

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

	private final boolean stats;

	private Postgres(EmbeddedPostgres server, boolean stats) {
		this.server = server;
		this.stats = stats;
	}

	/**
	 * With {@code stats} (BENCH_PG_STATS=1), pg_stat_statements is loaded, and each
	 * measured operation leaves its statements (calls, time, rows) in
	 * bench/target/logs/pg-*.txt: most workloads spend their time in the database.
	 */
	static Postgres start(Sandbox sandbox, boolean stats) throws IOException, SQLException {
		// The integration tests' settings (durability is not what is measured), plus the
		// memory a server for 100,000-user organisations would get: with the default 128 MB
		// of shared buffers and 1 GB of WAL, the million-user sync mostly measures eviction
		// and checkpoints. The baselines run on the same server with the same settings.
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(sandbox.path("postgres"))
			.setServerConfig("fsync", "off")
			.setServerConfig("synchronous_commit", "off")
			.setServerConfig("full_page_writes", "off")
			.setServerConfig("max_connections", "200")
			.setServerConfig("shared_buffers", "1GB")
			.setServerConfig("max_wal_size", "8GB")
			.setServerConfig("shared_preload_libraries", stats ? "pg_stat_statements" : "");
		if (stats) {
			// planning is work per call too, not counted in the execution time
			builder.setServerConfig("pg_stat_statements.track_planning", "on");
		}
		EmbeddedPostgres server = builder.start();
		Postgres postgres = new Postgres(server, stats);
		sandbox.register(postgres);
		if (stats) {
			try (Connection connection = postgres.connect("postgres");
					Statement statement = connection.createStatement()) {
				statement.execute("create extension if not exists pg_stat_statements");
			}
		}
		return postgres;
	}

	/**
	 * How often autovacuum has vacuumed or analysed each table of a database so far: two
	 * of these around a measured run tell whether it ran meanwhile (a worker reports when
	 * it is done).
	 */
	Map<String, Long> maintenanceRuns(String database) throws SQLException {
		Map<String, Long> runs = new TreeMap<>();
		try (Connection connection = connect(database); Statement statement = connection.createStatement();
				ResultSet rows = statement
					.executeQuery("select relname, autovacuum_count + autoanalyze_count from pg_stat_user_tables")) {
			while (rows.next()) {
				runs.put(rows.getString(1), rows.getLong(2));
			}
		}
		return runs;
	}

	/** Forgets the statements so far (BENCH_PG_STATS=1 only). */
	void statsReset() throws SQLException {
		if (this.stats) {
			try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
				statement.execute("select pg_stat_statements_reset()");
			}
		}
	}

	/** Writes the statements since the last reset, by total time (BENCH_PG_STATS=1 only). */
	void statsDump(Path file) throws SQLException, IOException {
		if (!this.stats) {
			return;
		}
		StringBuilder out = new StringBuilder(String.format("%10s %10s %10s %10s %10s %10s  %s%n", "calls",
				"total ms", "mean ms", "plans", "plan ms", "rows", "query"));
		try (Connection connection = connect("postgres");
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("""
						select calls, total_exec_time, mean_exec_time, plans, total_plan_time, rows,
						  regexp_replace(query, '\\s+', ' ', 'g')
						from pg_stat_statements order by total_exec_time desc limit 40""")) {
			while (rows.next()) {
				out.append(String.format(Locale.ROOT, "%10d %10.0f %10.3f %10d %10.0f %10d  %s%n", rows.getLong(1),
						rows.getDouble(2), rows.getDouble(3), rows.getLong(4), rows.getDouble(5), rows.getLong(6),
						rows.getString(7)));
			}
		}
		Files.createDirectories(file.getParent());
		Files.writeString(file, out);
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
