/**
 * How the process runs, apart from any feature: the one {@link java.time.Clock} that
 * time-bound rules read (tests move it instead of sleeping), the data directory made
 * absolute before the database URL and the key file are taken from it, and the training
 * start that fills the class data sharing archive the build ships ({@code TrainingRun}).
 * It owns no table and depends on no other module; other modules use only the clock bean.
 */
@ApplicationModule(allowedDependencies = {})
package dev.pinwarden.runtime;

import org.springframework.modulith.ApplicationModule;
