package dev.pinwarden.job;

import java.io.IOException;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At each start, deletes the staged inputs that processes killed on this machine left in
 * the temporary directory: unreadable without the key their process held, but of no use
 * to anyone and possibly large.
 */
@Component
class LeftStagedInputs {

	private static final Logger log = LoggerFactory.getLogger(LeftStagedInputs.class);

	@EventListener(ApplicationReadyEvent.class)
	void deleteLeftByStoppedProcesses() throws IOException {
		int deleted = StagedInput.deleteLeftByStoppedProcesses(Path.of(System.getProperty("java.io.tmpdir")));
		if (deleted > 0) {
			log.info("Deleted {} staged job inputs that stopped processes left behind", deleted);
		}
	}

}
