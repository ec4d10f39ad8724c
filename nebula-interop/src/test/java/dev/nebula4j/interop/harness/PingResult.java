package dev.nebula4j.interop.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What iputils {@code ping -n} reported: packets sent and answered, and the round-trip time of each
 * reply. RTTs are for reports and diagnostics; tests assert on replies, not on times.
 *
 * @param transmitted echo requests sent
 * @param received distinct echo replies received
 * @param duplicates duplicate replies ({@code +N duplicates})
 * @param errors ICMP errors reported instead of replies ({@code +N errors})
 * @param replySequences {@code icmp_seq} of each reply line, in arrival order
 * @param rttMillis round-trip time of each reply line, in milliseconds, in arrival order
 * @param output the raw output, for failure messages
 */
public record PingResult(
    int transmitted,
    int received,
    int duplicates,
    int errors,
    List<Integer> replySequences,
    List<Double> rttMillis,
    String output) {

  private static final Pattern REPLY =
      Pattern.compile("^\\d+ bytes from [^:]+: icmp_seq=(\\d+) ttl=\\d+ time=([0-9.]+) ms");
  private static final Pattern SUMMARY =
      Pattern.compile("^(\\d+) packets transmitted, (\\d+) received(.*)$");
  private static final Pattern DUPLICATES = Pattern.compile("\\+(\\d+) duplicates");
  private static final Pattern ERRORS = Pattern.compile("\\+(\\d+) errors");

  public PingResult {
    replySequences = List.copyOf(replySequences);
    rttMillis = List.copyOf(rttMillis);
  }

  /**
   * Parses the output of iputils {@code ping -n}.
   *
   * @throws HarnessException when the statistics line is missing
   */
  public static PingResult parse(String output) {
    List<Integer> seqs = new ArrayList<>();
    List<Double> rtts = new ArrayList<>();
    int transmitted = -1;
    int received = -1;
    int duplicates = 0;
    int errors = 0;
    for (String line : output.split("\n")) {
      String l = line.strip();
      Matcher reply = REPLY.matcher(l);
      if (reply.find()) {
        seqs.add(Integer.parseInt(reply.group(1)));
        rtts.add(Double.parseDouble(reply.group(2)));
        continue;
      }
      Matcher summary = SUMMARY.matcher(l);
      if (summary.matches()) {
        transmitted = Integer.parseInt(summary.group(1));
        received = Integer.parseInt(summary.group(2));
        Matcher d = DUPLICATES.matcher(summary.group(3));
        if (d.find()) {
          duplicates = Integer.parseInt(d.group(1));
        }
        Matcher e = ERRORS.matcher(summary.group(3));
        if (e.find()) {
          errors = Integer.parseInt(e.group(1));
        }
      }
    }
    if (transmitted < 0) {
      throw new HarnessException("no ping statistics line in output:\n" + output);
    }
    return new PingResult(transmitted, received, duplicates, errors, seqs, rtts, output);
  }

  /** Lost requests as a percentage of those sent (0 when none were sent). */
  public double lossPercent() {
    return transmitted == 0 ? 0 : 100.0 * (transmitted - received) / transmitted;
  }

  /** Whether every request was answered. */
  public boolean allReplied() {
    return transmitted > 0 && received == transmitted;
  }

  /** Mean RTT of the replies in milliseconds, NaN without replies. */
  public double averageRttMillis() {
    double sum = 0;
    for (double r : rttMillis) {
      sum += r;
    }
    return rttMillis.isEmpty() ? Double.NaN : sum / rttMillis.size();
  }
}
