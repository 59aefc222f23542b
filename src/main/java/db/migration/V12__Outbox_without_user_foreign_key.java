package db.migration;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Drops the foreign key from {@code mail_outbox.user_id} to {@code app_user}. Checking it
 * cost PostgreSQL a third of the time it takes to queue the 100,000 mails of a mass
 * regeneration, and it tied the mail module's table to the user module's. The mail module
 * now clears the user of a deleted user's mails itself, in the transaction that deletes
 * the user. A Java migration because H2 names an unnamed constraint itself: the name is
 * looked up, on either database.
 */
public class V12__Outbox_without_user_foreign_key extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		DatabaseMetaData metaData = connection.getMetaData();
		String table = metaData.storesUpperCaseIdentifiers() ? "MAIL_OUTBOX" : "mail_outbox";
		List<String> foreignKeys = new ArrayList<>();
		try (ResultSet keys = metaData.getImportedKeys(connection.getCatalog(), connection.getSchema(), table)) {
			while (keys.next()) {
				if ("user_id".equalsIgnoreCase(keys.getString("FKCOLUMN_NAME"))) {
					foreignKeys.add(keys.getString("FK_NAME"));
				}
			}
		}
		if (foreignKeys.isEmpty()) {
			throw new IllegalStateException("mail_outbox has no foreign key on user_id to drop");
		}
		try (Statement statement = connection.createStatement()) {
			for (String name : foreignKeys) {
				statement.execute("alter table mail_outbox drop constraint \"" + name + "\"");
			}
		}
	}

}
