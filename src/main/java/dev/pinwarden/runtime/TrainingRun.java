package dev.pinwarden.runtime;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The training start whose classes the build writes into the class data sharing archive
 * of {@code target/pinwarden} (docs/operations.md). With
 * {@code pinwarden.training-run=true} the server, once ready, sends itself the first
 * requests a started server gets (the health probes, the login page, a terminal's PIN
 * check), so that the classes that serve them are in the archive too, then exits: a start
 * with the archive is faster than with an archive of a start stopped before it serves.
 * Without the property it does nothing. The property is read at run time, not as a
 * condition: conditions are fixed when the build computes the bean definitions.
 */
@Component
class TrainingRun {

	private static final Logger log = LoggerFactory.getLogger(TrainingRun.class);

	private final Environment environment;

	TrainingRun(Environment environment) {
		this.environment = environment;
	}

	@EventListener
	void on(ApplicationReadyEvent event) {
		if (!this.environment.getProperty("pinwarden.training-run", Boolean.class, false)) {
			return;
		}
		try {
			int port = ((WebServerApplicationContext) event.getApplicationContext()).getWebServer().getPort();
			HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
			for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/login")) {
				send(client, HttpRequest.newBuilder(uri(port, path)).GET());
			}
			send(client,
					HttpRequest.newBuilder(uri(port, "/api/v1/terminal/authenticate"))
						.header("Authorization", "Bearer training-run")
						.header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofString("{\"pin\":\"0000\"}")));
			log.info("Training run done");
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Training run requests failed: the archive lacks some classes", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			System.exit(SpringApplication.exit(event.getApplicationContext()));
		}
	}

	private static URI uri(int port, String path) {
		return URI.create("http://localhost:" + port + path);
	}

	private static void send(HttpClient client, HttpRequest.Builder request) throws IOException, InterruptedException {
		client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
	}

}
