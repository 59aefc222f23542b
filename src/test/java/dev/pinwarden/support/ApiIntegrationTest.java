package dev.pinwarden.support;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.awaitility.Awaitility.await;

/**
 * Base of the tests that drive a real server over HTTP. Concrete subclasses choose the
 * database with {@link OnH2} or {@link OnPostgres}; each test starts from an empty set of
 * users, terminals and the default settings.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "pinwarden.auth.admin-password=" + TestApi.ADMIN_PASSWORD,
				"pinwarden.auth.metrics-token=" + TestApi.METRICS_TOKEN })
@Import(TestClock.Configuration.class)
public abstract class ApiIntegrationTest {

	@LocalServerPort
	protected int port;

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	private MeterRegistry meters;

	@Value("${pinwarden.mail.smtp-port}")
	private int smtpPort;

	@Autowired
	protected TestClock clock;

	protected TestSmtpServer smtp;

	protected TestApi api;

	@BeforeEach
	void resetDatabase() {
		this.smtp = TestSmtpServer.onPort(this.smtpPort);
		this.smtp.up();
		// a batch the dispatcher is sending holds no lock: let those leased finish, or
		// their mail could arrive in the next test
		try {
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> this.jdbc
					.sql("select count(*) from mail_outbox where status = 'queued' and lease_until is not null")
					.query(Long.class)
					.single() == 0);
		}
		catch (ConditionTimeoutException ex) {
			// a lease a test left on purpose (a node that "died")
		}
		this.jdbc.sql("delete from mail_outbox").update();
		// a batch whose claim was still open above is sent all the same: wait for it
		// before the SMTP server is purged
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.meters.get("pinwarden.mail.sending").gauge().value() == 0);
		this.jdbc.sql("delete from pin_letter").update();
		this.jdbc.sql("delete from pin_letters").update();
		this.jdbc.sql("delete from mail_template").update();
		this.jdbc.sql("delete from sync_run").update();
		this.jdbc.sql("delete from job").update();
		this.jdbc.sql("delete from ldap_source").update();
		this.jdbc.sql("delete from pin").update();
		this.jdbc.sql("delete from app_user").update();
		this.jdbc.sql("delete from terminal").update();
		this.jdbc.sql("""
				update security_settings set terminal_failure_budget = 5, terminal_failure_window_minutes = 15,
				  login_failure_budget = 5, login_lock_minutes = 15, self_service_per_day = 3, version = 0""").update();
		this.jdbc.sql("delete from attempt_limit").update();
		this.jdbc.sql("""
				update terminal_settings set default_login_mode = 'card-or-pin', card_self_registration = 'off',
				  unknown_card_budget = 20, version = 0""").update();
		this.jdbc.sql("delete from card_registration_code").update();
		this.jdbc.sql("delete from administrator where username <> 'admin'").update();
		if (this.jdbc.sql("update administrator set password_hash = :hash where username = 'admin'")
			.param("hash", TestApi.ADMIN_PASSWORD_HASH)
			.update() == 0) {
			this.jdbc
				.sql("insert into administrator (username, password_hash, created_at) values ('admin', :hash, :now)")
				.param("hash", TestApi.ADMIN_PASSWORD_HASH)
				.param("now", Timestamp.from(Instant.now()))
				.update();
		}
		this.clock.reset();
		this.jdbc.sql("delete from audit_event").update();
		this.jdbc
			.sql("""
					update pin_settings set users_can_change_pin = true, minimal_pin_length = 4,
					  generate_pin_for_new_users = true, send_pin_by_email = true, delete_credentials_on_deactivation = false,
					  version = 0""")
			.update();
		this.smtp.purge();
		this.api = TestApi.asAdmin(this.port);
	}

	/** A terminal registered through the API, ready to authenticate PINs. */
	protected TestApi newTerminal() {
		TestApi.Response registered = this.api.post("/api/v1/terminals", "{\"name\":\"Printer hall\"}");
		return TestApi.anonymous(this.port).withBearer(registered.json().path("token").asString());
	}

}
