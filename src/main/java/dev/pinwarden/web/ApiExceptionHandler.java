package dev.pinwarden.web;

import java.util.Locale;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.pinwarden.ApplicationException;
import dev.pinwarden.InvalidInputException;
import dev.pinwarden.RetryAfter;

/**
 * Every failure of the API as an RFC 9457 problem detail with a stable {@code code}.
 * Messages say what was wrong and, where it applies, which field; they never carry a
 * stack trace, a class name or a secret.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler(ApplicationException.class)
	ResponseEntity<Object> handleApplication(ApplicationException ex) {
		HttpStatus status = HttpStatus.valueOf(ex.kind().httpStatus());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		problem.setProperty("code", ex.code());
		ex.details().forEach(problem::setProperty);
		if (ex instanceof InvalidInputException invalid && invalid.field() != null) {
			problem.setProperty("field", invalid.field());
		}
		HttpHeaders headers = new HttpHeaders();
		if (status == HttpStatus.UNAUTHORIZED) {
			headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"pinwarden\"");
		}
		if (ex instanceof RetryAfter wait) {
			headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(wait.retryAfterSeconds()));
			problem.setProperty("retryAfterSeconds", wait.retryAfterSeconds());
		}
		return ResponseEntity.status(status).headers(headers).body(problem);
	}

	/** A lock wait that timed out: a regeneration or sync holds the PINs for a moment. */
	@ExceptionHandler({ PessimisticLockingFailureException.class, QueryTimeoutException.class })
	ResponseEntity<Object> handleBusy(Exception ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"Another operation on PINs (a regeneration or a sync) is running; try again in a moment");
		problem.setProperty("code", "busy");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex) {
		log.error("Unexpected failure", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"An unexpected error occurred; it has been logged");
		problem.setProperty("code", "internal_error");
		return ResponseEntity.internalServerError().body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		// A record that validates itself throws from its constructor, inside the JSON
		// reader.
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ApplicationException application) {
				return handleApplication(application);
			}
		}
		ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
		if (ex.getCause() instanceof UnrecognizedPropertyException unknown) {
			problem.setDetail("Unknown field '" + unknown.getPropertyName() + "'" + knownFields(unknown));
			problem.setProperty("code", "unknown_field");
			problem.setProperty("field", unknown.getPropertyName());
		}
		else if (ex.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
			String field = path(mismatch);
			problem.setDetail("Field '" + field + "' has the wrong type");
			problem.setProperty("code", "wrong_type");
			problem.setProperty("field", field);
		}
		else if (ex.getCause() instanceof JacksonException) {
			problem.setDetail("The request body is not valid JSON");
			problem.setProperty("code", "malformed_json");
		}
		else {
			problem.setDetail("The request body is missing or cannot be read");
			problem.setProperty("code", "unreadable_body");
		}
		return ResponseEntity.badRequest().body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex.getPropertyName() != null) ? ex.getPropertyName() : "parameter";
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"'" + name + "' has an invalid value");
		problem.setProperty("code", "invalid_parameter");
		problem.setProperty("field", name);
		return ResponseEntity.badRequest().body(problem);
	}

	/**
	 * Gives the problem details Spring MVC makes for its own failures a {@code code} too.
	 */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (response != null && response.getBody() instanceof ProblemDetail problem
				&& (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
			HttpStatus status = HttpStatus.resolve(statusCode.value());
			problem.setProperty("code", (status != null) ? status.name().toLowerCase(Locale.ROOT) : "error");
		}
		return response;
	}

	/** "; the fields are: a, b, c", so that a misspelt field is easy to put right. */
	private static String knownFields(UnrecognizedPropertyException ex) {
		if (ex.getKnownPropertyIds() == null || ex.getKnownPropertyIds().isEmpty()) {
			return "";
		}
		return "; the fields are: "
				+ ex.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
	}

	private static String path(DatabindException ex) {
		return ex.getPath()
			.stream()
			.map((ref) -> (ref.getPropertyName() != null) ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
			.collect(Collectors.joining("."));
	}

}
