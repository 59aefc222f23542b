package db.migration;

import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Leaves room in PostgreSQL's pages of {@code card} for the updates of
 * {@code last_used_at}: with room on its page, a row's update is a heap-only tuple, which
 * writes none of the card's three indexes. A Java migration because H2 has no fill
 * factor: there it does nothing.
 */
public class V25__Card_room_for_last_uses extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws Exception {
		if (!context.getConnection().getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
			return;
		}
		try (Statement statement = context.getConnection().createStatement()) {
			statement.execute("alter table card set (fillfactor = 70)");
		}
	}

}
