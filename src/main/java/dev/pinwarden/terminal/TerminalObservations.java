package dev.pinwarden.terminal;

import io.micrometer.observation.ObservationPredicate;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Terminal checks are measured once, in {@value TerminalAuthentication#METRIC} (by
 * outcome, errors included), and not again in {@code http_server_requests_seconds}: every
 * print job takes this path, and the second measurement (its tags worked out, its meter
 * looked up) cost it a share of its CPU that bench/README.md records.
 */
@Configuration(proxyBeanMethods = false)
class TerminalObservations {

	// the path within the application, whatever context path it is served under
	@Bean
	ObservationPredicate terminalChecksMeasuredOnce() {
		return (name, context) -> !(context instanceof ServerRequestObservationContext request
				&& TerminalAuthController.AUTHENTICATE.equals(request.getCarrier().getServletPath()));
	}

}
