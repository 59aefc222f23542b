package dev.pinwarden.user;

import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import dev.pinwarden.user.PinLetterDownloads.PinLetter;

/**
 * PIN letters, once: a PDF to print (the default) or, with {@code Accept: text/csv}, CSV.
 */
@RestController
class PinLetterController {

	private static final MediaType CSV = MediaType.parseMediaType("text/csv");

	private final PinLetterDownloads downloads;

	PinLetterController(PinLetterDownloads downloads) {
		this.downloads = downloads;
	}

	@GetMapping("/api/v1/pin-letters/{id}")
	ResponseEntity<StreamingResponseBody> download(@PathVariable long id,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
		boolean csv = accept != null && accept.contains("text/csv") && !accept.contains("application/pdf");
		// taken before the answer starts: letters that are gone answer 410, not half a
		// file
		List<PinLetter> letters = this.downloads.take(id, csv ? "CSV" : "PDF");
		StreamingResponseBody body = csv ? (out) -> PinLetterDocuments.csv(letters, out)
				: (out) -> PinLetterDocuments.pdf(letters, out);
		return ResponseEntity.ok()
			.contentType(csv ? CSV : MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename("pin-letters-" + id + (csv ? ".csv" : ".pdf"))
						.build()
						.toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(body);
	}

}
