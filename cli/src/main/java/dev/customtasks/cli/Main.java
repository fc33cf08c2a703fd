package dev.customtasks.cli;

/** The same entry point under the name every module's runnable has ({@code dev.customtasks.<module>.Main}). */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) {
    Ctk.main(args);
  }
}
