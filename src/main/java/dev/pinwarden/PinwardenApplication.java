package dev.pinwarden;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PinwardenApplication {

	public static void main(String[] args) {
		SpringApplication.run(PinwardenApplication.class, args);
	}

}
