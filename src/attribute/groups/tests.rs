//! Organisation and role → group, on real-looking names.
use super::*;

#[test]
fn a_table_of_real_looking_names() {
    let table: &[(&str, Option<Group>)] = &[
        ("Ministry of Foreign Affairs of Brazil", Some(G)),
        (
            "Federal Ministry for Economic Cooperation and Development (BMZ)",
            Some(G),
        ),
        ("U.S. State Department", Some(G)),
        ("Department for Culture, Media and Sport", Some(G)),
        (
            "DEPARTMENT FOR CULTURE, MEDIA AND SPORT, UNITED KINGDOM GOVERNMENT",
            Some(G),
        ),
        ("Permanent Mission of Brazil to the United Nations", Some(G)),
        ("Parliament of Kenya", Some(G)),
        ("Federal Communications Commission", Some(G)),
        ("Telecom Regulatory Authority of India", Some(G)),
        ("WIPO", Some(I)),
        ("Copyright Law Division, WIPO", Some(I)),
        ("International Telecommunication Union", Some(I)),
        ("ITU-T Study Group 17", Some(I)),
        ("United Nations Development Programme (UNDP)", Some(I)),
        ("UNESCO", Some(I)),
        ("OECD", Some(I)),
        (
            "Organisation for Economic Co-operation and Development",
            Some(I),
        ),
        ("The World Bank", Some(I)),
        ("Council of Europe", Some(I)),
        ("UN Global Compact", Some(I)),
        ("IGF Secretariat", Some(I)),
        (
            "Office of the UN High Commissioner for Human Rights",
            Some(I),
        ),
        ("DCAF", Some(I)),
        ("Google LLC", Some(B)),
        ("Acme Widgets Ltd.", Some(B)),
        ("Siemens AG", Some(B)),
        ("International Chamber of Commerce", Some(B)),
        ("Business Constituency", Some(B)),
        (
            "Internet Corporation for Assigned Names and Numbers",
            Some(T),
        ),
        ("University of Denver", Some(A)),
        ("Harvard Kennedy School", Some(A)),
        ("Kennedy School of Government", Some(A)),
        ("London School of Economics", Some(A)),
        ("Stanford University Press", Some(A)),
        ("The Hague Institute for Global Justice", Some(A)),
        ("Centre for Strategic and International Studies", Some(A)),
        ("IETF", Some(T)),
        ("Internet Society", Some(T)),
        ("ISOC", Some(T)),
        ("World Wide Web Consortium (W3C)", Some(T)),
        ("RIPE NCC", Some(T)),
        ("APNIC", Some(T)),
        ("European Telecommunications Standards Institute", Some(T)),
        ("International Code of Conduct Association", Some(C)),
        ("The Stanley Foundation", Some(C)),
        ("Electronic Frontier Foundation", Some(C)),
        ("International Campaign to Ban Landmines", Some(C)),
        ("Campaign for a UN Parliamentary Assembly", Some(C)),
        ("Coalition for the International Criminal Court", Some(C)),
        ("Association for Progressive Communications", Some(C)),
        ("Centre for Internet and Society", Some(C)),
        ("Non-Commercial Stakeholders Group", Some(C)),
        ("Human Rights Watch", Some(C)),
        ("Committee to Protect Journalists", Some(C)),
        ("Reuters", Some(M)),
        ("BBC News", Some(M)),
        ("Daily News Tribune", Some(M)),
        ("International Forum on Technologies and Security", None),
        ("Atlantic Council", None),
        ("Wadhwani AI Global", None),
        ("Commission on Global Security, Justice & Governance", None),
        ("", None),
    ];
    let mut wrong = Vec::new();
    for &(name, want) in table {
        let got = org_group(name);
        if got != want {
            wrong.push(format!("{name}: got {got:?}, want {want:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn roles_place_people_only_when_the_organisation_says_nothing() {
    assert_eq!(role_group("Minister of Digital Affairs"), Some(G));
    assert_eq!(role_group("Professor of Law"), Some(A));
    assert_eq!(role_group("Executive Director"), None);
    assert_eq!(
        speaker_group(Some("Professor"), Some("Ministry of Education")),
        Some(G)
    );
    assert_eq!(speaker_group(Some("Journalist"), None), Some(M));
    assert_eq!(
        speaker_group(Some("Vice-President"), Some("Atlantic Council")),
        None
    );
}

#[test]
fn chapters_constituencies_trade_associations_and_domains() {
    // Declared sectors of NETmundial submissions (serials below 95).
    let table: &[(&str, Option<Group>)] = &[
        ("ISOC-Yemen", Some(C)),
        ("ISOC Costa Rica Chapter", Some(C)),
        ("Internet Society (ISOC)", Some(T)),
        ("Noncommercial Stakeholders Group, ICANN", Some(C)),
        (
            "European Association of Internet Services Providers",
            Some(B),
        ),
        ("AfICTA - Africa ICT Alliance", Some(B)),
        ("Brazil-U.S. Business Council, U.S. Section", Some(B)),
        ("Organization - Verizon Communications", Some(B)),
        ("TELECOM ITALIA GROUP", Some(B)),
        ("helga.mieling@bmvit.gv.at", Some(G)),
        ("Zimbabwe Human Rights Forum", Some(C)),
        ("World Press Freedom Committee", Some(C)),
        ("Internet Governance Caucus", Some(C)),
        ("Paradigm Initiative Nigeria", Some(C)),
        ("European Commission", Some(G)),
        // "Human rights" names a civil society body only as its head.
        (
            "Office of the UN High Commissioner for Human Rights",
            Some(I),
        ),
        ("Kuwait Information Technology Society", Some(C)),
        ("Best Bits", None),
    ];
    let wrong: Vec<String> = table
        .iter()
        .filter(|(n, want)| org_group(n) != *want)
        .map(|(n, want)| format!("{n}: got {:?}, want {want:?}", org_group(n)))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn sector_values() {
    for (v, g) in [
        ("Civil Society", Some(C)),
        ("Private Sector", Some(B)),
        ("Technical community", Some(T)),
        ("Technical Community", Some(T)),
        ("Academia", Some(A)),
        ("Government", Some(G)),
        ("civil_society", Some(C)),
        ("IGO", Some(I)),
        ("Other", None),
        ("", None),
    ] {
        assert_eq!(parse_sector(v), g, "{v}");
    }
}

#[test]
fn parliamentary_roles() {
    for r in [
        "Assembly Member",
        "MP for Carleton",
        "Leader of the Opposition",
        "Prime Minister",
    ] {
        assert_eq!(role_group(r), Some(G), "{r}");
    }
}
