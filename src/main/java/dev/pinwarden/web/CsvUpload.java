package dev.pinwarden.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;

import dev.pinwarden.InvalidInputException;
import dev.pinwarden.job.StagedInput;

/**
 * The users page's CSV upload, read as it arrives: its file goes straight into a
 * {@link StagedInput}, sealed, as a file sent to the API does. The servlet container's
 * own multipart parsing is off ({@code spring.servlet.multipart.enabled=false}) because
 * it writes the whole body to a temporary file in clear first, PINs included, and does so
 * for anybody's request the moment a filter reads a parameter. The form's CSRF token
 * therefore comes in the query string: the body is read only here, after the security
 * filters let the request through (the hidden field Thymeleaf adds to the form as well is
 * skipped).
 */
final class CsvUpload {

	static final String FILE = "file";

	static final String DEACTIVATE_MISSING = "deactivateMissing";

	/** A checkbox's values that mean yes, as Spring reads a request parameter. */
	private static final Set<String> TRUE = Set.of("true", "on", "yes", "1");

	private CsvUpload() {
	}

	/**
	 * The file (staged; the caller closes it) and the form's choice, in whichever order
	 * the browser sends them.
	 */
	static Received read(HttpServletRequest request) throws IOException {
		if (!JakartaServletFileUpload.isMultipartContent(request)) {
			throw new InvalidInputException(FILE, "Choose a CSV file to import");
		}
		StagedInput file = null;
		boolean deactivateMissing = false;
		try {
			FileItemInputIterator items = new JakartaServletFileUpload<>().getItemIterator(request);
			while (items.hasNext()) {
				FileItemInput item = items.next();
				if (FILE.equals(item.getFieldName()) && !item.isFormField() && file == null) {
					try (InputStream in = item.getInputStream()) {
						file = StagedInput.of(in);
					}
				}
				else if (DEACTIVATE_MISSING.equals(item.getFieldName()) && item.isFormField()) {
					try (InputStream in = item.getInputStream()) {
						// a checkbox's value: nothing longer is read
						deactivateMissing = TRUE.contains(
								new String(in.readNBytes(8), StandardCharsets.UTF_8).strip().toLowerCase(Locale.ROOT));
					}
				}
				// other fields (the form's hidden CSRF field) are skipped unread
			}
		}
		catch (IOException | RuntimeException ex) {
			if (file != null) {
				try {
					file.close();
				}
				catch (RuntimeException closing) {
					ex.addSuppressed(closing);
				}
			}
			throw ex;
		}
		if (file == null) {
			throw new InvalidInputException(FILE, "Choose a CSV file to import");
		}
		return new Received(file, deactivateMissing);
	}

	/** What the form sent. */
	record Received(StagedInput file, boolean deactivateMissing) {
	}

}
