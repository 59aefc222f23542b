package dev.pinwarden.sync;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.pinwarden.support.OnPostgres;

import static org.assertj.core.api.Assertions.assertThat;

@OnPostgres
class CsvSyncPostgresTests extends CsvSyncTests {

	/**
	 * A new installation's first sync fills empty tables in one transaction. Unless it
	 * analyses them as they grow, PostgreSQL plans every batch's lookups for empty
	 * tables: scans of the whole table, which make the sync's time grow with the square
	 * of its size (bench/README.md).
	 */
	@Test
	void aFirstLargeSyncLeavesPostgresWithTheSizeOfTheTablesItFilled() {
		this.jdbc.sql("analyze app_user").update();
		this.jdbc.sql("analyze pin").update();
		assertThat(estimatedRows("app_user")).isLessThan(1);
		this.api.put("/api/v1/settings/pin", "{\"sendPinByEmail\":false}");
		StringBuilder csv = new StringBuilder("username,email\n");
		for (int i = 1; i <= 20_000; i++) {
			csv.append("first").append(i).append(",first").append(i).append("@example.org\n");
		}

		JsonNode report = sync(csv.toString(), false).json();

		assertThat(report.path("created").asInt()).isEqualTo(20_000);
		assertThat(report.path("pinsGenerated").asInt()).isEqualTo(20_000);
		// analysed inside the sync's transaction: autovacuum cannot see uncommitted rows
		assertThat(estimatedRows("app_user")).isGreaterThanOrEqualTo(20_000);
		assertThat(estimatedRows("pin")).isGreaterThanOrEqualTo(10_000);
		double afterFirstSync = estimatedRows("app_user");

		// a few more users make no difference to a plan: the table is left alone
		sync("username,email\nlate1,late1@example.org\nlate2,late2@example.org\n", false);
		assertThat(estimatedRows("app_user")).isEqualTo(afterFirstSync);
	}

	private double estimatedRows(String table) {
		return this.jdbc.sql("select reltuples from pg_class where oid = cast(:table as regclass)")
			.param("table", table)
			.query(Double.class)
			.single();
	}

}
