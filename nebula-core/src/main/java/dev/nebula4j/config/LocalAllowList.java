package dev.nebula4j.config;

import java.net.InetAddress;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code lighthouse.local_allow_list}: which of our own addresses we report to lighthouses. CIDR
 * rules as in {@link AllowList}, plus {@code interfaces}: regular expressions that must match a
 * whole interface name, all with the same value (the default for other names is the opposite).
 *
 * @param cidrs CIDR rules
 * @param interfaces interface-name regex → allow
 */
public record LocalAllowList(AllowList cidrs, Map<String, Boolean> interfaces) {

  public LocalAllowList {
    Objects.requireNonNull(cidrs, "cidrs");
    interfaces = Checks.copyOrdered(interfaces, "interfaces");
    Boolean first = null;
    for (Map.Entry<String, Boolean> e : interfaces.entrySet()) {
      try {
        Pattern.compile(e.getKey());
      } catch (PatternSyntaxException ex) {
        throw new IllegalArgumentException(
            "invalid interface regex '" + e.getKey() + "': " + ex.getDescription(), ex);
      }
      if (first == null) {
        first = e.getValue();
      } else if (!first.equals(e.getValue())) {
        throw new IllegalArgumentException(
            "local_allow_list.interfaces values must all be true or all be false");
      }
    }
  }

  /** Whether an address on the named interface may be reported. */
  public boolean allows(String interfaceName, InetAddress address) {
    if (!interfaces.isEmpty()) {
      boolean value = interfaces.values().iterator().next();
      boolean matched = false;
      for (String regex : interfaces.keySet()) {
        if (Pattern.matches(regex, interfaceName)) {
          matched = true;
          break;
        }
      }
      if (matched != value) {
        // matched a deny rule, or matched none of the allow rules
        return false;
      }
    }
    return cidrs.allows(address);
  }
}
