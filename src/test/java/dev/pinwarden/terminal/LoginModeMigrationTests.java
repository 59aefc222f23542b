package dev.pinwarden.terminal;

import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import dev.pinwarden.support.SharedPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An installation upgraded past V31: its terminals keep the login mode they answered with
 * before, their own or the default.
 */
class LoginModeMigrationTests {

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgres" })
	void terminalsUpgradedKeepTheModeTheyHad(String database) {
		DataSource dataSource = dataSource(database);
		Flyway.configure().dataSource(dataSource).target("30").load().migrate();
		JdbcClient jdbc = JdbcClient.create(dataSource);
		jdbc.sql("update terminal_settings set default_login_mode = 'pin' where id = 1").update();
		for (String[] terminal : new String[][] { { "follows", null }, { "own", "card" } }) {
			jdbc.sql("""
					insert into terminal (name, token_hash, created_at, login_mode)
					values (:name, :hash, current_timestamp, :mode)""")
				.param("name", terminal[0])
				.param("hash", terminal[0].getBytes(StandardCharsets.UTF_8))
				.param("mode", terminal[1], Types.VARCHAR)
				.update();
		}

		Flyway.configure().dataSource(dataSource).load().migrate();

		assertThat(jdbc.sql("select name || ' ' || login_mode_in_force from terminal order by name")
			.query(String.class)
			.list()).isEqualTo(List.of("follows pin", "own card"));
	}

	private static DataSource dataSource(String database) {
		if (database.equals("h2")) {
			return new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:login-mode-migration;DB_CLOSE_DELAY=-1",
					"sa", "");
		}
		return new SimpleDriverDataSource(new org.postgresql.Driver(),
				SharedPostgres.newDatabase("login_mode_migration"), "postgres", "");
	}

}
