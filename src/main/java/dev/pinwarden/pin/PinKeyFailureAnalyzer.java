package dev.pinwarden.pin;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a missing or wrong PIN key into a short start-up report instead of a stack trace.
 */
class PinKeyFailureAnalyzer extends AbstractFailureAnalyzer<PinKeyUnavailableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PinKeyUnavailableException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), null);
	}

}
