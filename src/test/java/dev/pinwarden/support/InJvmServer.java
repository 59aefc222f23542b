package dev.pinwarden.support;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.pinwarden.PinwardenApplication;

/**
 * The whole server started in the test's JVM, as {@code main} starts it, on a free port
 * unless the properties name one.
 */
public final class InJvmServer {

	private InJvmServer() {
	}

	/**
	 * Starts it with these properties as command-line arguments: they win over
	 * application.properties, as the environment would.
	 */
	public static ConfigurableApplicationContext start(Map<String, ?> properties) {
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("server.port", "0");
		all.putAll(properties);
		String[] args = all.entrySet()
			.stream()
			.map((e) -> "--" + e.getKey() + "=" + e.getValue())
			.toArray(String[]::new);
		return new SpringApplicationBuilder(PinwardenApplication.class).run(args);
	}

	/** The port it listens on. */
	public static int port(ConfigurableApplicationContext server) {
		return Integer.parseInt(server.getEnvironment().getProperty("local.server.port"));
	}

}
