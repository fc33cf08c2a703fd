package dev.customtasks.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into the jar; "development build" when run from the classes folder. */
final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() throws IOException {
    try (InputStream in = Ctk.class.getResourceAsStream("/META-INF/maven/dev.customtasks/cli/pom.properties")) {
      if (in == null) {
        return new String[] {"ctk (development build)"};
      }
      Properties properties = new Properties();
      properties.load(in);
      return new String[] {"ctk " + properties.getProperty("version")};
    }
  }
}
