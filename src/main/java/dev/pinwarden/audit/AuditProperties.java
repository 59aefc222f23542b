package dev.pinwarden.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the audit log keeps events, and when terminal failures become an alert.
 *
 * @param retentionDays days an event is kept
 * @param terminalFailureAlert wrong PINs from all terminals together within 15 minutes
 * that raise an alert (log and dashboard): many terminals guessing at once
 */
@ConfigurationProperties("pinwarden.audit")
public record AuditProperties(@DefaultValue("365") int retentionDays, @DefaultValue("100") int terminalFailureAlert) {

}
