package io.nabla.examples.cli;

import io.nabla.backend.Availability;
import io.nabla.backend.Backend;
import io.nabla.backend.BackendReport;
import io.nabla.backend.Backends;
import io.nabla.backend.Parallelism;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** Which backends were found, which can run, and why not. */
@Command(name = "backends", mixinStandardHelpOptions = true,
    description = "List the backends found, available or not and why, with the JDK and thread count.")
final class BackendsCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    List<Object> backends = new ArrayList<>();
    for (Backend b : Backends.all()) {
      Availability a = b.availability();
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", b.name());
      entry.put("priority", b.priority());
      entry.put("available", a.available());
      entry.put("reason", a.reason());
      entry.put("details", b.details());
      backends.add(entry);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("jdk", Runtime.version().toString());
    json.put("threads", Parallelism.threads());
    json.put("current", Backends.current().name());
    json.put("backends", backends);
    Output.print(spec.commandLine().getOut(), common, json, BackendReport.describe());
    return 0;
  }
}
