//! Conversion between token units (as people write them) and base units (as the chain stores
//! them).

/// Formats `base_units` with `decimals` decimal places, trimming trailing zeros:
/// `format_amount(10_500_000, 6)` is `"10.5"`.
pub fn format_amount(base_units: u64, decimals: u8) -> String {
    let scale = 10u128.pow(u32::from(decimals));
    let whole = u128::from(base_units) / scale;
    let fraction = u128::from(base_units) % scale;
    if fraction == 0 {
        return whole.to_string();
    }
    let digits = format!("{fraction:0width$}", width = usize::from(decimals));
    format!("{whole}.{}", digits.trim_end_matches('0'))
}

/// Parses a token amount such as `"10"` or `"0.25"` into base units. Rejects more decimal places
/// than the mint has, signs, empty parts and amounts above `u64::MAX` base units.
pub fn parse_amount(text: &str, decimals: u8) -> Result<u64, String> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let invalid = || {
        format!("invalid amount {text:?}: expected digits with at most {decimals} decimal places")
    };
    if whole.is_empty() && fraction.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !fraction.chars().all(|c| c.is_ascii_digit())
        || fraction.len() > usize::from(decimals)
    {
        return Err(invalid());
    }
    let scale = 10u128.pow(u32::from(decimals));
    let whole: u128 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| invalid())?
    };
    let fraction_scaled: u128 = if fraction.is_empty() {
        0
    } else {
        let padding = 10u128.pow(u32::from(decimals) - fraction.len() as u32);
        fraction.parse::<u128>().map_err(|_| invalid())? * padding
    };
    whole
        .checked_mul(scale)
        .and_then(|value| value.checked_add(fraction_scaled))
        .and_then(|value| u64::try_from(value).ok())
        .ok_or_else(|| {
            format!(
                "amount {text} is too large: the maximum is {}",
                format_amount(u64::MAX, decimals)
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_table() {
        let cases = [
            (0, 6, "0"),
            (10_000_000, 6, "10"),
            (10_500_000, 6, "10.5"),
            (1, 6, "0.000001"),
            (u64::MAX, 0, "18446744073709551615"),
            (u64::MAX, 9, "18446744073.709551615"),
        ];
        for (base_units, decimals, expected) in cases {
            assert_eq!(format_amount(base_units, decimals), expected);
        }
    }

    #[test]
    fn parse_table() {
        assert_eq!(parse_amount("10", 6), Ok(10_000_000));
        assert_eq!(parse_amount("10.5", 6), Ok(10_500_000));
        assert_eq!(parse_amount(".5", 6), Ok(500_000));
        assert_eq!(parse_amount("0.000001", 6), Ok(1));
        assert_eq!(parse_amount("18446744073709551615", 0), Ok(u64::MAX));
    }

    #[test]
    fn parse_rejects_bad_input() {
        for text in ["", ".", "-1", "1e3", "0.0000001", "1.2.3", " 1"] {
            assert!(
                parse_amount(text, 6)
                    .unwrap_err()
                    .starts_with("invalid amount"),
                "{text:?}"
            );
        }
        assert!(
            parse_amount("18446744073709551616", 0)
                .unwrap_err()
                .contains("too large")
        );
    }
}
