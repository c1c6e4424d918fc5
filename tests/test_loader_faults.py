"""Break real inputs in a copy of the data package; the loader must say what, where and what to do."""

import json

import pytest

from camex.data import DataError, check_all, load, rehash

RATES = "cad_usd_exchange_rates"


def rewrite(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def csv_of(package, name="cad_usd_exchange_rates.csv"):
    return package.parent / name


def error_of(name, package) -> str:
    with pytest.raises(DataError) as raised:
        load(name, package)
    return str(raised.value)


def test_an_intact_copy_loads(package):
    assert len(load(RATES, package)) > 0
    assert check_all(package) == []


def test_missing_file_is_named_with_the_way_to_restore_it(package):
    csv_of(package).unlink()
    message = error_of(RATES, package)
    assert "cad_usd_exchange_rates.csv" in message and "file not found" in message
    assert "git checkout --" in message


def test_renamed_column_names_both_columns_and_the_expected_header(package):
    rewrite(csv_of(package), "year,cad_per_usd", "year,cad_usd")
    message = error_of(RATES, package)
    assert "cad_usd_exchange_rates.csv" in message
    assert "line 1, column 'cad_per_usd': expected column is missing" in message
    assert "line 1, column 'cad_usd': column is not in the schema" in message
    assert "year, cad_per_usd, series, source_id" in message


def test_decimal_comma_is_caught_as_a_row_with_too_many_cells(package):
    rewrite(csv_of(package), "2019,1.3269", "2019,1,3269")
    message = error_of(RATES, package)
    assert "cad_usd_exchange_rates.csv: 1 problem" in message
    assert "line 4: has 5 cells, the header has 4" in message and "quote cells" in message


def test_file_that_is_not_utf8_is_refused(package):
    path = csv_of(package)
    path.write_bytes(path.read_bytes().replace(b"FXAUSDCAD", "FXAUSDCAD\u00e9".encode("latin-1"), 1))
    assert "is not UTF-8 text" in error_of(RATES, package)


def test_text_in_a_number_column_is_named_by_line_and_column(package):
    rewrite(csv_of(package), "2019,1.3269", "2019,n/a")
    message = error_of(RATES, package)
    assert "line 4, column 'cad_per_usd': 'n/a' is not a valid number" in message
    assert "no thousands separators" in message


def test_duplicated_key_names_both_lines(package):
    rewrite(csv_of(package), "2019,1.3269", "2018,1.3269")
    message = error_of(RATES, package)
    assert "line 4, column 'year': duplicate primary key (year=2018), first seen on line 3" in message


def test_unknown_source_id_points_to_the_registry(package):
    rewrite(csv_of(package), "2019,1.3269,FXAUSDCAD,boc-fx-rates-annual", "2019,1.3269,FXAUSDCAD,boc-unknown")
    message = error_of(RATES, package)
    assert "line 4, column 'source_id': 'boc-unknown' is not in" in message and "sources.csv" in message


def test_checksum_mismatch_explains_how_to_record_an_intended_change(package):
    rewrite(csv_of(package), "2019,1.3269", "2019,1.3270")
    message = error_of(RATES, package)
    assert "cad_usd_exchange_rates.csv" in message and "SHA-256" in message
    assert "make data-hashes" in message


def test_rehash_accepts_an_intended_change(package):
    rewrite(csv_of(package), "2019,1.3269", "2019,1.3270")
    assert rehash(package) == [RATES]
    assert load(RATES, package).set_index("year").at[2019, "cad_per_usd"] == 1.327


def test_empty_required_cell_is_reported(package):
    rewrite(csv_of(package), "2019,1.3269", "2019,")
    assert "line 4, column 'cad_per_usd': value is required but the cell is empty" in error_of(RATES, package)


def test_value_outside_its_enumeration_is_reported(package):
    rewrite(csv_of(package), "2019,1.3269,FXAUSDCAD", "2019,1.3269,FXUSDCAD")
    assert "line 4, column 'series': 'FXUSDCAD' is not one of: FXAUSDCAD" in error_of(RATES, package)


def test_broken_registry_is_reported_once_by_check_all(package):
    rewrite(csv_of(package, "sources.csv"), ",official,", ",officious,")
    errors = check_all(package)
    assert len(errors) == 1
    assert "sources.csv" in str(errors[0]) and "'officious' is not one of" in str(errors[0])


def test_unknown_table_lists_the_tables_there_are(package):
    message = error_of("exchange_rates", package)
    assert "no table named 'exchange_rates'" in message and RATES in message


def test_several_problems_are_reported_together(package):
    rewrite(csv_of(package), "2019,1.3269", "2019,n/a")
    rewrite(csv_of(package), "2020,1.3415", "2020,-1")
    error = pytest.raises(DataError, load, RATES, package).value
    assert [(problem.line, problem.column) for problem in error.problems] == [(4, "cad_per_usd"), (5, "cad_per_usd")]


def test_a_schema_type_the_loader_does_not_know_is_refused(package):
    descriptor = json.loads(package.read_text(encoding="utf-8"))
    descriptor["resources"][1]["schema"]["fields"][1]["type"] = "duration"
    package.write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(ValueError, match="does not know: duration"):
        load(RATES, package)


def test_events_with_a_malformed_date_are_refused(package):
    rewrite(csv_of(package, "events.csv"), "1944-01-30,day", "30/01/1944,day")
    message = error_of("events", package)
    assert "events.csv" in message and "column 'date': '30/01/1944' does not match the pattern" in message


def test_events_with_an_unknown_category_are_refused(package):
    rewrite(csv_of(package, "events.csv"), ",diplomatic,CA;MX,embamex-history,", ",friendship,CA;MX,embamex-history,")
    assert "column 'category': 'friendship' is not one of" in error_of("events", package)


def test_a_repeated_event_id_is_refused(package):
    rewrite(csv_of(package, "events.csv"), "trade-agreement-1946,", "canada-mexico-relations,")
    message = error_of("events", package)
    assert "duplicate primary key (event_id=canada-mexico-relations)" in message
