package dev.warp2api.cli;

/** Entry point of the warp2api jar. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("warp2api");
  }
}
