package bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a users CSV line by line (never the whole file in memory, whatever the count),
 * to be streamed to {@code POST /api/v1/sync/csv}. User names and addresses are unique
 * per prefix, so that workloads never collide.
 */
final class CsvFile {

	private CsvFile() {
	}

	static Path users(Path file, String prefix, int count, boolean withPins) throws IOException {
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			// the users with PINs (the terminal workload) have a card each too
			out.write(withPins ? "username,fullName,email,pin,cards\n" : "username,fullName,email\n");
			for (int i = 0; i < count; i++) {
				String username = username(prefix, i);
				out.write(username);
				out.write(",User ");
				out.write(Integer.toString(i));
				out.write(' ');
				out.write(prefix);
				out.write(',');
				out.write(username);
				out.write("@example.org");
				if (withPins) {
					out.write(',');
					out.write(Long.toString(pin(i)));
					out.write(',');
					out.write(card(i));
				}
				out.write('\n');
			}
		}
		return file;
	}

	static String username(String prefix, int i) {
		return String.format("%s%07d", prefix, i);
	}

	/**
	 * The i-th user's PIN: a 7-digit number, distinct for every i below 9,000,000 (7919 is
	 * prime and no factor of 9,000,000, so i -> i * 7919 is a permutation modulo it). The
	 * wrk script computes the same formula, see {@link Wrk}.
	 */
	/**
	 * The i-th user's card: 8 hex digits, distinct for every i (a multiplication by an odd
	 * number is a bijection modulo 2^32), as a 4-byte UID reads.
	 */
	static String card(long i) {
		return String.format("%08X", (i * 2_654_435_761L) & 0xFFFF_FFFFL);
	}

	static long pin(long i) {
		return 1_000_000 + (i * 7919 + 12345) % 9_000_000;
	}

}
