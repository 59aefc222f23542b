package dev.pinwarden.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AuthPropertiesTests {

	@Test
	void aShortMetricsTokenIsRefusedWithWhatItNeeds() {
		assertThatIllegalArgumentException().isThrownBy(() -> new AuthProperties(null, 10, 5, "secret"))
			.withMessage("PINWARDEN_METRICS_TOKEN has 6 characters; it needs at least 24, "
					+ "for example from 'openssl rand -base64 32'");
	}

	@Test
	void noMetricsTokenIsFineAndNoTokenIsShown() {
		assertThat(new AuthProperties("pw", 10, 5, "").toString()).contains("metricsToken=none");
		assertThat(new AuthProperties("pw", 10, 5, "a-long-enough-metrics-token-123").toString())
			.doesNotContain("a-long-enough")
			.doesNotContain("pw,");
	}

}
