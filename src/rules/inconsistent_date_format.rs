//! `inconsistent-date-format`: one article writes its citation dates in more than one format.

use super::Rule;
use crate::Article;
use crate::config::Level;
use crate::dates::{MONTH_NAMES, MonthStyle, PartialDate, Precision};
use crate::diagnostics::{Finding, Severity};
use crate::parse::{CitationDate, DateFormat};

pub struct InconsistentDateFormat;

const DOCS: &str = "\
## What it does
Flags citation dates written differently from the article's other citation dates, and shows
each rewritten the article's way. Three things are compared, each by majority (on a tie, the
first date written sets the style):

- **notation**: month names (`July 2025`, `July 14, 2025`) or ISO (`2025-07`, `2025-07-14`);
- **month spelling**, separately for month–year dates and for full dates: `July 2025`, `Jul 2025`
  or `Jul. 2025`;
- **order** of full dates: `July 14, 2025` or `14 July 2025`.

Years alone (`2020`, author–date styles), ranges of years (`2019–2020`), `c. 1850`, quarters,
half years, seasons, days without a year (`July 3`) and `n.d.` are not compared: an
article may cite `(Smith, 2020)` and `(Reuters, July 2025)` side by side. Months that are the
same in every spelling (`May`), and in full dates the months AP style never abbreviates (March
to July), do not count for or against a spelling, so `(Reuters, Aug. 12, 2025)` and `(Reuters,
July 14, 2025)` agree. The dateline is not a citation and is not compared.

## Why it matters
Consistent dates are part of a house style, and a date written differently from its neighbours
is often one pasted from elsewhere without being checked.

## Example
```text
Exports fell (Reuters, July 2025). Imports rose (Bloomberg, July 2025).
Prices held (Xinhua, Jul. 2025).
```

## How to fix
Rewrite the date as the help line shows.
";

impl Rule for InconsistentDateFormat {
    fn code(&self) -> &'static str {
        "inconsistent-date-format"
    }

    fn default_level(&self) -> Level {
        Level::Warning
    }

    fn summary(&self) -> &'static str {
        "the article writes citation dates in more than one format"
    }

    fn docs(&self) -> &'static str {
        DOCS
    }

    fn check(&self, article: &Article, out: &mut Vec<Finding>) {
        let dates: Vec<(&CitationDate, Shape)> = article
            .citations
            .iter()
            .flat_map(|c| c.sources.iter())
            .filter_map(|s| {
                let d = s.date.as_ref()?;
                Some((d, shape(d)?))
            })
            .collect();
        // The house style is the whole article's, also when this article is one window of it.
        let own;
        let style: &DateStyle = match article.whole {
            Some(w) => w.date_style(),
            None => {
                own = DateStyle::of(&dates.iter().map(|(_, s)| *s).collect::<Vec<_>>());
                &own
            }
        };
        let (house, total, agreeing) = (&style.house, style.total, style.house_like);
        if total < 2 {
            return;
        }
        for (d, s) in &dates {
            let Some(iso) = house.iso else { continue };
            let mut differs: Vec<&str> = Vec::new();
            if s.iso != iso {
                differs.push(if iso { "ISO dates" } else { "month names" });
            } else if !s.iso {
                let style_house = if s.day {
                    house.day_style
                } else {
                    house.month_style
                };
                if let (Some(mine), Some(theirs)) = (s.style, style_house)
                    && mine != theirs
                {
                    differs.push(style_name(theirs));
                }
                if let (Some(mine), Some(theirs)) = (s.order, house.order)
                    && mine != theirs
                {
                    differs.push(match theirs {
                        Order::MonthDay => "month before day",
                        Order::DayMonth => "day before month",
                        Order::YearFirst => "year first",
                    });
                }
            }
            if differs.is_empty() {
                continue;
            }
            let Some(mut rewritten) = render(&d.date, house, s) else {
                continue;
            };
            // "Fri., 4 July 2025" keeps its day of the week, except in ISO form.
            if let Some(day) = crate::dates::weekday_prefix(&d.text)
                && house.iso != Some(true)
            {
                rewritten.insert_str(0, day);
            }
            if rewritten == d.text {
                continue;
            }
            out.push(
                Finding::new(
                    self.code(),
                    Severity::Warning,
                    d.span,
                    format!(
                        "citation date `{}` is written differently from the article's other \
                         citation dates ({})",
                        d.text,
                        differs.join(", ")
                    ),
                )
                .with_label(d.span, format!("the article writes `{rewritten}`"))
                .with_help(format!(
                    "write `{rewritten}`, as {agreeing} of the article's {total} citation dates do"
                )),
            );
        }
    }
}

/// How one date is written, in the three respects compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Shape {
    iso: bool,
    /// A full date (day precision), whose month spelling is compared apart.
    day: bool,
    /// `None` when the month is spelt the same every way, or for ISO.
    style: Option<MonthStyle>,
    order: Option<Order>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    MonthDay,
    DayMonth,
    YearFirst,
}

#[derive(Debug)]
struct House {
    iso: Option<bool>,
    month_style: Option<MonthStyle>,
    day_style: Option<MonthStyle>,
    order: Option<Order>,
}

/// How an article writes its citation dates: the majority's way, and how many dates agree.
#[derive(Debug)]
pub(crate) struct DateStyle {
    house: House,
    total: usize,
    /// Dates written the house's way in every respect they have.
    house_like: usize,
}

impl DateStyle {
    /// The style of the dates written `shapes`, in document order.
    pub(crate) fn of(shapes: &[Shape]) -> DateStyle {
        let house = House::of(shapes);
        let house_like = shapes.iter().filter(|s| house.agrees(s)).count();
        DateStyle {
            house,
            total: shapes.len(),
            house_like,
        }
    }
}

impl House {
    /// Whether a date is written this way in every respect it has: a "May" or a month-and-year
    /// date has no spelling or order to disagree with.
    fn agrees(&self, s: &Shape) -> bool {
        if Some(s.iso) != self.iso {
            return false;
        }
        let style = if s.day {
            self.day_style
        } else {
            self.month_style
        };
        s.iso || (same(s.style, style) && same(s.order, self.order))
    }
}

/// Whether two respects agree, or one of them is not there to compare.
fn same<T: PartialEq>(mine: Option<T>, theirs: Option<T>) -> bool {
    match (mine, theirs) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

impl House {
    /// The article's way of writing dates: each respect by majority of the dates written.
    fn of(shapes: &[Shape]) -> House {
        House {
            iso: majority(shapes.iter().map(|s| s.iso)),
            month_style: majority(
                shapes
                    .iter()
                    .filter(|s| !s.iso && !s.day)
                    .filter_map(|s| s.style),
            ),
            day_style: majority(
                shapes
                    .iter()
                    .filter(|s| !s.iso && s.day)
                    .filter_map(|s| s.style),
            ),
            order: majority(shapes.iter().filter(|s| !s.iso).filter_map(|s| s.order)),
        }
    }
}

/// How `d` is written, when it is a date the rule compares.
pub(crate) fn shape(d: &CitationDate) -> Option<Shape> {
    // "Monday, July 2026" is invalid-citation-date's: rewriting it would keep the weekday.
    if d.date.precision == Precision::Month && crate::dates::weekday_prefix(&d.text).is_some() {
        return None;
    }
    let month = d.date.month.unwrap_or(0);
    // "May" is May in every spelling; AP never abbreviates March to July in full dates.
    let neutral = |style: MonthStyle, day: bool| {
        month == 5 || (day && style == MonthStyle::Full && (3..=7).contains(&month))
    };
    let named = |style: MonthStyle, day: bool, order: Option<Order>| Shape {
        iso: false,
        day,
        style: (!neutral(style, day)).then_some(style),
        order,
    };
    Some(match d.format {
        DateFormat::IsoDay | DateFormat::IsoMonth => Shape {
            iso: true,
            day: d.format == DateFormat::IsoDay,
            style: None,
            order: None,
        },
        DateFormat::MonthYear(st) => named(st, false, None),
        DateFormat::MonthDayYear(st) => named(st, true, Some(Order::MonthDay)),
        DateFormat::DayMonthYear(st) => named(st, true, Some(Order::DayMonth)),
        DateFormat::YearMonthDay => Shape {
            iso: false,
            day: true,
            style: None,
            order: Some(Order::YearFirst),
        },
        _ => return None,
    })
}

/// The most common value; on a tie, the first one seen.
fn majority<T: Copy + PartialEq>(items: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: Vec<(T, usize)> = Vec::new();
    for it in items {
        match counts.iter_mut().find(|(v, _)| *v == it) {
            Some((_, n)) => *n += 1,
            None => counts.push((it, 1)),
        }
    }
    let best = counts.iter().map(|(_, n)| *n).max()?;
    counts.into_iter().find(|(_, n)| *n == best).map(|(v, _)| v)
}

fn style_name(s: MonthStyle) -> &'static str {
    match s {
        MonthStyle::Full => "months spelled out",
        MonthStyle::Abbrev => "abbreviated months",
        MonthStyle::AbbrevDot => "abbreviated months with a full stop",
    }
}

fn month_word(month: i8, style: MonthStyle) -> Option<String> {
    let full = MONTH_NAMES.get(usize::try_from(month).ok()?.checked_sub(1)?)?;
    Some(match style {
        MonthStyle::Full => (*full).to_string(),
        _ if full.len() <= 4 && month != 9 && month != 6 && month != 7 => (*full).to_string(),
        MonthStyle::Abbrev if month == 9 => "Sept".to_string(),
        MonthStyle::AbbrevDot if month == 9 => "Sept.".to_string(),
        MonthStyle::Abbrev => full[..3].to_string(),
        MonthStyle::AbbrevDot => format!("{}.", &full[..3]),
    })
}

/// The date written the article's way.
fn render(date: &PartialDate, house: &House, mine: &Shape) -> Option<String> {
    let y = date.year?;
    let m = date.month?;
    let iso = house.iso?;
    match date.precision {
        Precision::Month if iso => Some(format!("{y:04}-{m:02}")),
        Precision::Day if iso => Some(format!("{y:04}-{m:02}-{:02}", date.day?)),
        Precision::Month => {
            let style = house.month_style.or(mine.style).unwrap_or(MonthStyle::Full);
            Some(format!("{} {y}", month_word(m, style)?))
        }
        Precision::Day => {
            let d = date.day?;
            let mut style = house.day_style.or(mine.style).unwrap_or(MonthStyle::Full);
            // AP: March to July stay spelled out in full dates.
            if (3..=7).contains(&m) && style == MonthStyle::AbbrevDot {
                style = MonthStyle::Full;
            }
            let word = month_word(m, style)?;
            Some(
                match house.order.or(mine.order).unwrap_or(Order::MonthDay) {
                    Order::DayMonth => format!("{d} {word} {y}"),
                    Order::YearFirst => format!("{y}, {word} {d}"),
                    Order::MonthDay => format!("{word} {d}, {y}"),
                },
            )
        }
        _ => None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::rules::testing::run_real;

    fn run(text: &str) -> Vec<(String, String)> {
        run_real(&InconsistentDateFormat, text)
            .into_iter()
            .map(|f| (f.span.slice(text).to_string(), f.help.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn minority_month_spelling() {
        let got = run(
            "A fell (Reuters, July 2025). B rose (Bloomberg, July 2025). C held (Xinhua, Jul. 2025).",
        );
        assert_eq!(
            got,
            [(
                "Jul. 2025".to_string(),
                "write `July 2025`, as 2 of the article's 3 citation dates do".to_string()
            )]
        );
    }

    #[test]
    fn a_weekday_stays_in_the_rewritten_date() {
        let got = run(
            "A fell (Reuters, Monday, February 2, 2026). B rose (Bloomberg, \
             Thursday, February 5, 2026). C held (Xinhua, Mon., 9 February 2026).",
        );
        assert_eq!(
            got,
            [(
                "Mon., 9 February 2026".to_string(),
                "write `Mon., February 9, 2026`, as 2 of the article's 3 citation dates do"
                    .to_string()
            )]
        );
    }

    #[test]
    fn a_weekday_before_a_month_is_left_to_invalid_citation_date() {
        // Rewritten, it would keep a weekday with no day, which is the error itself.
        let got = run(
            "A fell (Reuters, July 2025). B rose (Bloomberg, June 2025). C held (Xinhua, \
             Mon., 2025-07). D held (Wire, Monday, Jul. 2025).",
        );
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn iso_against_month_names() {
        let got = run(
            "A fell (Reuters, July 2025). B rose (Bloomberg, June 2025). C held (Xinhua, 2025-07).",
        );
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "2025-07");
        assert!(
            got[0].1.starts_with("write `July 2025`, as 2 of"),
            "{}",
            got[0].1
        );
        let got = run(
            "A fell (Reuters, 2025-07-14). B rose (Bloomberg, 2025-06). C held (Xinhua, August 3, 2025).",
        );
        assert_eq!(got[0].0, "August 3, 2025");
        assert!(got[0].1.starts_with("write `2025-08-03`"), "{}", got[0].1);
    }

    #[test]
    fn day_order() {
        let got = run(
            "A (Reuters, August 3, 2025). B (Bloomberg, August 9, 2025). C (Xinhua, 4 August 2025).",
        );
        assert_eq!(got.len(), 1);
        assert!(
            got[0].1.starts_with("write `August 4, 2025`"),
            "{}",
            got[0].1
        );
    }

    #[test]
    fn consistent_styles_are_quiet() {
        for s in [
            "A (Reuters, July 2025). B (Bloomberg, July 2025). C (Smith, 2020). D (Lee, n.d.).",
            // AP: abbreviated with a day for Aug., spelled out for July; month alone spelled out.
            "A (Reuters, Aug. 12, 2025). B (Bloomberg, July 14, 2025). C (Xinhua, July 2025).",
            "A (Reuters, May 2025). B (Bloomberg, Jul. 2025). C (Xinhua, Aug. 2025).",
            "A (Reuters, July 2025).",
        ] {
            assert!(run(s).is_empty(), "{s}");
        }
    }

    #[test]
    fn renders_months() {
        assert_eq!(
            month_word(9, MonthStyle::AbbrevDot).as_deref(),
            Some("Sept.")
        );
        assert_eq!(month_word(5, MonthStyle::AbbrevDot).as_deref(), Some("May"));
        assert_eq!(
            month_word(6, MonthStyle::AbbrevDot).as_deref(),
            Some("Jun.")
        );
        assert_eq!(month_word(7, MonthStyle::Abbrev).as_deref(), Some("Jul"));
    }
}
