package dev.pinwarden.sync;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import dev.pinwarden.ApplicationException;
import dev.pinwarden.InvalidInputException;

/** Failures of the SCIM endpoints in SCIM's error format (RFC 7644 section 3.12). */
@RestControllerAdvice(assignableTypes = ScimController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ScimErrors {

	private static final Logger log = LoggerFactory.getLogger(ScimErrors.class);

	private static final MediaType SCIM_JSON = MediaType.parseMediaType("application/scim+json");

	@ExceptionHandler(ApplicationException.class)
	ResponseEntity<Map<String, Object>> application(ApplicationException ex) {
		int status = ex.kind().httpStatus();
		String scimType = null;
		if (ex.code().startsWith("scim_") && ex instanceof InvalidInputException) {
			scimType = ex.code().substring("scim_".length());
		}
		else if (ex.kind() == ApplicationException.Kind.CONFLICT) {
			scimType = "uniqueness";
		}
		else if (ex.kind() == ApplicationException.Kind.INVALID) {
			scimType = "invalidValue";
		}
		return error(status, scimType, ex.getMessage());
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException ex) {
		return error(400, "invalidSyntax", "The request body is not valid JSON");
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<Map<String, Object>> badParameter(MethodArgumentTypeMismatchException ex) {
		return error(400, "invalidValue", "'" + ex.getName() + "' has an invalid value");
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException ex) {
		return error(415, null, "Send application/scim+json");
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException ex) {
		return error(405, null, "Method not allowed");
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Map<String, Object>> unexpected(Exception ex) {
		log.error("Unexpected SCIM failure", ex);
		return error(500, null, "An unexpected error occurred; it has been logged");
	}

	private static ResponseEntity<Map<String, Object>> error(int status, String scimType, String detail) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:Error"));
		body.put("status", String.valueOf(status));
		if (scimType != null) {
			body.put("scimType", scimType);
		}
		body.put("detail", detail);
		return ResponseEntity.status(status).contentType(SCIM_JSON).body(body);
	}

}
