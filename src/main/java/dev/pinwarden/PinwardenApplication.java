package dev.pinwarden;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.util.ClassUtils;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PinwardenApplication {

	public static void main(String[] args) {
		useAheadOfTimeBeanDefinitionsInJar();
		SpringApplication.run(PinwardenApplication.class, args);
	}

	/**
	 * The build computes the bean definitions ahead of time (Spring AOT), which shortens
	 * every start. They are used when the server runs from its jar, which the build made
	 * together with them; not from a development checkout's {@code target/classes}, where
	 * they may be older than the code. {@code -Dspring.aot.enabled=false} turns them off.
	 */
	static void useAheadOfTimeBeanDefinitionsInJar() {
		if (System.getProperty(AotDetector.AOT_ENABLED) == null && !loadedFromDirectory()
				&& ClassUtils.isPresent(PinwardenApplication.class.getName() + "__ApplicationContextInitializer",
						PinwardenApplication.class.getClassLoader())) {
			System.setProperty(AotDetector.AOT_ENABLED, "true");
		}
	}

	private static boolean loadedFromDirectory() {
		URL location = PinwardenApplication.class.getProtectionDomain().getCodeSource().getLocation();
		try {
			return "file".equals(location.getProtocol()) && Files.isDirectory(Path.of(location.toURI()));
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

}
