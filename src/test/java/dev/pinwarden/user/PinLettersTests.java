package dev.pinwarden.user;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.TestApi;
import dev.pinwarden.support.TestApi.Response;

import static dev.pinwarden.support.UserMother.aUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nobody is left with a PIN nobody knows: a regeneration hands the new PINs of users
 * without an address to the administrator as PIN letters, once, or lets them keep theirs.
 */
abstract class PinLettersTests extends ApiIntegrationTest {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void usersWithoutAnAddressGetPinLettersThatOpenTheTerminalAndAreGivenOutOnce() throws Exception {
		this.api.post("/api/v1/users", aUser().named("mailed").json());
		String oldPin = this.api
			.post("/api/v1/users", aUser().named("bob").withFullName("Bob Bauer").withoutEmail().json())
			.json()
			.path("pin")
			.asString();
		this.api.post("/api/v1/users", aUser().named("zoe").withFullName("Zoë Zhang").withoutEmail().json());

		JsonNode result = this.api.post("/api/v1/pins/regenerate", "{}").json();
		assertThat(result.path("regenerated").asInt()).isEqualTo(3);
		assertThat(result.path("withoutEmail").asInt()).isEqualTo(2);
		assertThat(result.path("keptWithoutEmail").asInt()).isZero();
		JsonNode letters = result.path("pinLetters");
		assertThat(letters.path("count").asInt()).isEqualTo(2);
		long id = letters.path("id").asLong();
		assertThat(this.jdbc.sql("select count(*) from pin_letter").query(Long.class).single()).isEqualTo(2);

		HttpResponse<byte[]> pdf = download(id, null);
		assertThat(pdf.statusCode()).isEqualTo(200);
		assertThat(pdf.headers().firstValue("Content-Type")).contains("application/pdf");
		try (PDDocument document = Loader.loadPDF(pdf.body())) {
			assertThat(document.getNumberOfPages()).isEqualTo(2);
			String first = page(document, 1);
			assertThat(first).contains("Bob Bauer").contains("User name: bob").contains("Your printing PIN");
			String newPin = pinOn(first);
			assertThat(newTerminal().authenticate(newPin).json().path("username").asString()).isEqualTo("bob");
			assertThat(page(document, 2)).contains("Zo\u00eb Zhang").contains("User name: zoe");
		}
		assertThat(newTerminal().authenticate(oldPin).status()).isEqualTo(401);

		// once: the PINs are erased, and a second download is told so
		HttpResponse<byte[]> again = download(id, "application/pdf");
		assertThat(again.statusCode()).isEqualTo(410);
		assertThat(new String(again.body())).contains("pin_letters_gone");
		assertThat(this.jdbc.sql("select count(*) from pin_letter").query(Long.class).single()).isZero();
		assertThat(this.jdbc.sql("select count(*) from audit_event where action = 'pin.letters.downloaded'")
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void usersWithoutAnAddressCanKeepTheirPinsAndLettersComeAsCsvToo() throws Exception {
		String kept = this.api.post("/api/v1/users", aUser().named("ann").withoutEmail().json())
			.json()
			.path("pin")
			.asString();
		JsonNode keep = this.api.post("/api/v1/pins/regenerate", "{\"usersWithoutEmail\":\"keep\"}").json();
		assertThat(keep.path("regenerated").asInt()).isZero();
		assertThat(keep.path("keptWithoutEmail").asInt()).isEqualTo(1);
		assertThat(keep.path("pinLetters").isNull()).isTrue();
		assertThat(newTerminal().authenticate(kept).status()).isEqualTo(200);

		long id = this.api.post("/api/v1/pins/regenerate", "{\"usersWithoutEmail\":\"letters\"}")
			.json()
			.path("pinLetters")
			.path("id")
			.asLong();
		HttpResponse<byte[]> csv = download(id, "text/csv");
		assertThat(csv.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/csv"));
		List<String> lines = new String(csv.body()).lines().toList();
		assertThat(lines).hasSize(2);
		assertThat(lines.get(0)).isEqualTo("username,fullName,pin");
		String pin = lines.get(1).substring(lines.get(1).lastIndexOf(',') + 1);
		assertThat(newTerminal().authenticate(pin).json().path("username").asString()).isEqualTo("ann");
	}

	@Test
	void lettersNobodyDownloadsAreGoneAfterADayAndStoredOnlySealed() throws Exception {
		this.api.post("/api/v1/users", aUser().named("kim").withoutEmail().json());
		long id = this.api.post("/api/v1/pins/regenerate", "{}").json().path("pinLetters").path("id").asLong();
		byte[] sealed = this.jdbc.sql("select content from pin_letter").query(byte[].class).single();
		assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContainPattern("[0-9]{4}");

		this.clock.advance(Duration.ofHours(24).plusSeconds(1));
		assertThat(download(id, null).statusCode()).isEqualTo(410);
		assertThat(download(999_999, null).statusCode()).isEqualTo(410);
		Response bad = this.api.post("/api/v1/pins/regenerate", "{\"usersWithoutEmail\":\"mail them\"}");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().path("field").asString()).isEqualTo("usersWithoutEmail");
	}

	private HttpResponse<byte[]> download(long id, String accept) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/pin-letters/" + id))
			.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString(("admin:" + TestApi.ADMIN_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		if (accept != null) {
			request.header("Accept", accept);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static String page(PDDocument document, int number) throws Exception {
		PDFTextStripper stripper = new PDFTextStripper();
		stripper.setStartPage(number);
		stripper.setEndPage(number);
		return stripper.getText(document);
	}

	/** The PIN as the letter prints it, in groups of four. */
	private static String pinOn(String page) {
		Matcher matcher = Pattern.compile("Your printing PIN\\s+([0-9 ]+)").matcher(page);
		assertThat(matcher.find()).isTrue();
		return matcher.group(1).replace(" ", "").strip();
	}

}
