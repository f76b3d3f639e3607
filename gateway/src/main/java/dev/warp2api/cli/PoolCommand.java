package dev.warp2api.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pool}: the parent of {@code status}, {@code check} and {@code recover}; needs one of them.
 */
@Command(
    name = "pool",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = "Inspect and repair the credential pool of the running gateway (or --offline).")
final class PoolCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(), "Missing subcommand: status, check or recover");
  }
}
