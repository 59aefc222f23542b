package dev.pinwarden.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the audit log keeps events.
 *
 * @param retentionDays days an event is kept
 */
@ConfigurationProperties("pinwarden.audit")
public record AuditProperties(@DefaultValue("365") int retentionDays) {

}
