package dev.pinwarden.mail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.pinwarden.support.Database;
import dev.pinwarden.support.ServerProcesses;
import dev.pinwarden.support.TestSmtpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built server, killed with SIGKILL while it dispatches 5,000 queued mails on
 * PostgreSQL, and started again: every mail arrives, and twice only those each connection
 * had sent and not yet recorded when it died: with a relay as fast as this one, up to
 * {@link OutboxDispatcher#RECORD_EVERY} a connection.
 */
class KilledDispatcherIT {

	private static final int MAILS = 5_000;

	private static final int CONNECTIONS = 4;

	private final ServerProcesses servers = new ServerProcesses();

	private TestSmtpServer smtp;

	@AfterEach
	void stop() throws InterruptedException {
		this.servers.close();
		if (this.smtp != null) {
			this.smtp.stop();
		}
	}

	@Test
	void aServerKilledWhileItSendsLeavesNoMailUnsentAndDoublesAtMostOneAConnection() throws Exception {
		Map<String, Object> instance = new HashMap<>(Database.POSTGRES.freshInstanceProperties("killed_mail"));
		// 1. the mails are queued while no SMTP server is configured
		ServerProcesses.Server first = this.servers.startJar(instance);
		String csv = "username,email\n" + IntStream.rangeClosed(1, MAILS)
			.mapToObj((i) -> "u" + i + ",u" + i + "@example.org")
			.collect(Collectors.joining("\n"));
		assertThat(first.admin().send("POST", "/api/v1/sync/csv", csv, "text/csv").json().path("created").asInt())
			.isEqualTo(MAILS);
		first.stop();

		// 2. a server that sends them is killed halfway
		this.smtp = TestSmtpServer.start();
		Map<String, Object> sending = new HashMap<>(this.smtp.properties());
		sending.put("pinwarden.mail.connections", CONNECTIONS);
		sending.put("pinwarden.mail.poll-interval", "200ms");
		sending.put("pinwarden.mail.lease", "10s");
		ServerProcesses.Server killed = this.servers.startJar(with(instance, sending));
		Awaitility.await()
			.atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> this.smtp.receivedCount() >= MAILS / 4);
		killed.kill();
		int beforeTheKill = this.smtp.receivedCount();
		assertThat(beforeTheKill).as("killed while sending").isLessThan(MAILS);

		// 3. started again, it sends the rest once its lease is over
		this.servers.startJar(with(instance, sending));
		Awaitility.await()
			.atMost(Duration.ofSeconds(180))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> this.smtp.received().stream().map(TestSmtpServer::recipient).distinct().count() == MAILS);
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> queued(instance) == 0);
		int twice = this.smtp.receivedCount() - MAILS;
		System.out.println("KilledDispatcherIT: " + twice + " of " + MAILS + " mails arrived twice");
		assertThat(twice).as("mails sent twice").isBetween(0, CONNECTIONS * OutboxDispatcher.RECORD_EVERY);
	}

	private static Map<String, Object> with(Map<String, Object> instance, Map<String, Object> extra) {
		Map<String, Object> properties = new HashMap<>(instance);
		properties.putAll(extra);
		return properties;
	}

	private static long queued(Map<String, Object> instance) throws Exception {
		try (Connection connection = DriverManager.getConnection((String) instance.get("spring.datasource.url"),
				"postgres", "postgres");
				ResultSet rs = connection.createStatement()
					.executeQuery("select count(*) from mail_outbox where status = 'queued'")) {
			rs.next();
			return rs.getLong(1);
		}
	}

}
