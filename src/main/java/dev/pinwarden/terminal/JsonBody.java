package dev.pinwarden.terminal;

import java.io.IOException;
import java.io.PushbackInputStream;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.HttpMediaTypeNotSupportedException;

/**
 * A JSON request body read with one reader made up front, for the path every print job
 * takes: Spring MVC's message converters work out the body's type, its converter and the
 * request's headers anew on every request, which cost a terminal check about as much as
 * the check itself (bench/README.md). It fails as {@code @RequestBody} does, so that the
 * same answers follow: 415 for a body that is not JSON, 400 for one that is missing, not
 * JSON or of the wrong shape.
 */
final class JsonBody<T> {

	private final ObjectReader reader;

	JsonBody(JsonMapper json, Class<T> type) {
		this.reader = json.readerFor(type);
	}

	T read(HttpServletRequest request) throws IOException, HttpMediaTypeNotSupportedException {
		requireJson(request.getContentType());
		PushbackInputStream body = new PushbackInputStream(request.getInputStream());
		int first = body.read();
		if (first == -1) {
			throw new HttpMessageNotReadableException("Required request body is missing",
					new ServletServerHttpRequest(request));
		}
		body.unread(first);
		try {
			return this.reader.readValue(body);
		}
		catch (JacksonException ex) {
			throw new HttpMessageNotReadableException("JSON parse error", ex, new ServletServerHttpRequest(request));
		}
	}

	private static void requireJson(String contentType) throws HttpMediaTypeNotSupportedException {
		MediaType type;
		try {
			type = (contentType != null) ? MediaType.parseMediaType(contentType) : null;
		}
		catch (InvalidMediaTypeException ex) {
			type = null;
		}
		boolean json = type != null && "application".equals(type.getType())
				&& ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
		if (!json) {
			throw new HttpMediaTypeNotSupportedException(type, List.of(MediaType.APPLICATION_JSON), null);
		}
	}

}
