package dev.pinwarden.support;

import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Context initializers that give a test context its own data directory, database and SMTP
 * server (GreenMail), and a fast mail dispatcher.
 */
public final class DatabaseInitializers {

	private DatabaseInitializers() {
	}

	static void apply(ConfigurableApplicationContext context, Database database) {
		String name = "ctx_" + database.name().toLowerCase() + "_"
				+ Integer.toHexString(System.identityHashCode(context));
		Map<String, Object> properties = new HashMap<>(database.freshInstanceProperties(name));
		TestSmtpServer smtp = TestSmtpServer.start();
		properties.putAll(smtp.properties());
		context.addApplicationListener((ApplicationListener<ContextClosedEvent>) (event) -> smtp.stop());
		// a test class's own @TestPropertySource values win over these defaults
		PropertySource<?> inlined = context.getEnvironment()
			.getPropertySources()
			.get(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME);
		if (inlined != null) {
			properties.keySet().removeIf(inlined::containsProperty);
		}
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-database", properties));
	}

	public static class H2 implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			apply(context, Database.H2);
		}

	}

	public static class Postgres implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			apply(context, Database.POSTGRES);
		}

	}

}
