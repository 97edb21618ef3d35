"""Reference data of the demo municipality, modelled on Norddjurs Kommune's published documents."""

MUNICIPALITY = "Norddjurs Kommune"

# (name, abbreviation, kind, position)
BODIES = [
    ("Kommunalbestyrelsen", "KB", "council"),
    ("Økonomiudvalget", "ØK", "finance_committee"),
    ("Arbejdsmarkedsudvalget", "AU", "standing_committee"),
    ("Børne- og Ungdomsudvalget", "BUU", "standing_committee"),
    ("Miljø- og Teknikudvalget", "MTU", "standing_committee"),
    ("Voksen- og Plejeudvalget", "VPU", "standing_committee"),
    ("Kultur- og Fritidsudvalget", "KFU", "standing_committee"),
    ("Erhvervsudvalget", "EU", "standing_committee"),
    ("Direktionen", "DIR", "executive_board"),
    ("Hovedudvalget", "HU", "med"),
]

# (title, area, name)
DIRECTORS = [
    ("Kommunaldirektør", "Kommunaldirektørens område", "Jonas Kroustrup"),
    ("Velfærdsdirektør", "Velfærdsforvaltningen", "Lene Mehlsen Thomsen"),
    ("Fællesforvaltningsdirektør", "Fællesforvaltningen", "Kim Bruun Nielsen"),
]

SDGS = [
    (1, "Afskaf fattigdom"),
    (2, "Stop sult"),
    (3, "Sundhed og trivsel"),
    (4, "Kvalitetsuddannelse"),
    (5, "Ligestilling mellem kønnene"),
    (6, "Rent vand og sanitet"),
    (7, "Bæredygtig energi"),
    (8, "Anstændige jobs og økonomisk vækst"),
    (9, "Industri, innovation og infrastruktur"),
    (10, "Mindre ulighed"),
    (11, "Bæredygtige byer og lokalsamfund"),
    (12, "Ansvarligt forbrug og produktion"),
    (13, "Klimaindsats"),
    (14, "Livet i havet"),
    (15, "Livet på land"),
    (16, "Fred, retfærdighed og stærke institutioner"),
    (17, "Partnerskaber for handling"),
]
CHOSEN_SDGS = {3, 4, 8, 11, 13, 17}

HEADINGS_2025 = [
    "Økonomisk Politik",
    "Politiske visioner",
    "Sociale investeringer, Fremtidens velfærd, Skoler og dagtilbud",
    "Norddjurs i bevægelse",
    "Partnerskaber",
    "Vækst, erhverv og beskæftigelse",
    "Klima, miljø, natur og den grønne omstilling",
]

# (name, description, course for 2025)
THEMES_2023 = [
    (
        "Økonomi og budget i balance",
        "Økonomi i det strategiske og kort- og langsigtede perspektiv herunder eftersyn af "
        "budgetterne og budget i balance.",
        "Kursen for 2025: råderumsforslagene implementeres, og effektiviseringsbidraget udmøntes "
        "med fokus på kloge m2 og digitalisering.",
    ),
    (
        "Rekruttering, fastholdelse og HR",
        "Rekruttering og fastholdelse samt HR, udfordringer på velfærdsområderne, "
        "ledelsesudvikling, trivsel og gode arbejdsfællesskaber.",
        "Kursen for 2025: fastholdelse af medarbejdere på velfærdsområderne og styrket "
        "ledelsesudvikling.",
    ),
    (
        "Klima og den grønne omstilling",
        "Klima – Det grønne, Næse for vand, biodiversitet, DK 2020 & Klimahandlingsplan.",
        "Kursen for 2025: flådestyring og energirenovering reducerer CO2-udledningen.",
    ),
    (
        "Samarbejder og partnerskaber",
        "Samarbejder - Det blå, Anholt, Grenaa Havn og Partnerskabet med Halmstad.",
        "Kursen for 2025: partnerskaberne omsættes til konkrete projekter i kystbåndet.",
    ),
    (
        "Samskabelse og borgerens møde med kommunen",
        "Samskabelse, borgerinvolvering og velfærdsservice, borgerens møde med kommunen, "
        "lokaldemokrati i nybrud.",
        "Kursen for 2025: borgerinddragelse i lokalsamfundene og bedre digital selvbetjening.",
    ),
]

USERS = [
    # (username, password, first name, last name, role, bodies, director titles)
    ("admin", "kursen-admin", "Anne", "Administrator", "administrator", [], []),
    ("redaktor", "kursen-redaktor", "Rasmus", "Redaktør", "editor", ["AU"],
     ["Fællesforvaltningsdirektør"]),
    ("laeser", "kursen-laeser", "Lise", "Læser", "reader", [], []),
]  # fmt: skip

# Subjects per committee: (operating changes, reallocation proposals, capital projects).
SUBJECTS = {
    "ØK": (
        [
            "Digitalisering af aktindsigtsbehandling",
            "Fælles indkøbsaftaler",
            "Tilpasning af administrationens bemanding",
            "Kunstig intelligens i sagsbehandlingen",
            "Reduktion af konsulentforbrug",
        ],
        [
            "Kloge m2 – samling af administrative arbejdspladser",
            "Centralisering af flådestyring",
            "Digital post og print",
            "Færre licenser til fagsystemer",
        ],
        [
            "Energirenovering af rådhuset",
            "Ny mødesal i rådhuset",
            "Solceller på kommunale bygninger",
        ],
    ),
    "AU": (
        [
            "Styrket virksomhedsrettet indsats",
            "Jobcentrets mentorordning",
            "Sygedagpenge – tidlig opfølgning",
            "Unge under 30 uden uddannelse",
            "Fleksjob og ressourceforløb",
        ],
        [
            "Færre eksterne aktører i beskæftigelsesindsatsen",
            "Samling af integrationsindsatsen",
            "Digitale samtaler i jobcentret",
            "Reduktion af kontanthjælpsrådgivning",
        ],
        ["Ombygning af Jobcenter Norddjurs"],
    ),
    "BUU": (
        [
            "Styrket sprogindsats i dagtilbud",
            "Inklusion i folkeskolen",
            "Ungdomsskolens tilbud i yderområder",
            "Tidlig indsats for udsatte familier",
            "Skolernes ressourcetildeling",
        ],
        [
            "Sammenlægning af dagplejegrupper",
            "Færre specialundervisningspladser uden for kommunen",
            "Fælles skolebuskørsel",
            "Tilpasning af SFO-åbningstider",
        ],
        [
            "Skovskolens udvidelse",
            "Ny daginstitution i Grenaa",
            "Renovering af skolernes faglokaler",
        ],
    ),
    "MTU": (
        [
            "Næse for vand – vandløbsvedligeholdelse",
            "Biodiversitetsplan",
            "Vejbelysning med LED",
            "Affaldssortering i kommunale bygninger",
            "Klimahandlingsplanens handlinger",
        ],
        [
            "Reduceret græsslåning i rabatter",
            "Færre servicebiler",
            "Samling af materielgårde",
            "Digital byggesagsbehandling",
        ],
        ["Cykelsti mellem Grenaa og Trustrup", "Klimasikring af kystbåndet", "Renovering af broer"],
    ),
    "VPU": (
        [
            "Rekruttering af social- og sundhedsassistenter",
            "Rehabilitering i hjemmeplejen",
            "Velfærdsteknologi på plejecentre",
            "Demensindsats",
            "Socialområdets udviklingsproces",
        ],
        [
            "Omlægning af madordningen",
            "Færre midlertidige pladser",
            "Digital medicinhåndtering",
            "Samling af aktivitetscentre",
        ],
        [
            "Udvidelse af plejecenter Solbakken",
            "Nyt botilbud til voksne med handicap",
            "Ombygning af sundhedshuset",
        ],
    ),
    "KFU": (
        [
            "Foreningspuljen",
            "Biblioteksbetjening i landdistrikter",
            "Kulturskolen",
            "Idrætsfaciliteternes åbningstider",
            "Frivillighedsstrategi",
        ],
        [
            "Reduceret tilskud til haller",
            "Sammenlægning af biblioteksfilialer",
            "Færre kulturarrangementer",
        ],
        ["Ny kunstgræsbane i Auning", "Renovering af Grenaa Idrætscenter"],
    ),
    "EU": (
        [
            "Erhvervsservice og iværksætteri",
            "Turismefremme i kystbåndet",
            "Anholt som attraktivt ø-samfund",
            "Bosætningskampagne",
            "Samarbejdet med Grenaa Havn",
        ],
        [
            "Reduceret tilskud til erhvervsrådet",
            "Fælles markedsføring med nabokommuner",
            "Digital turistinformation",
        ],
        ["Erhvervsområde ved Grenaa Havn", "Byfornyelse i Ørsted"],
    ),
}

CROSS_CUTTING = [
    "Budgetoverholdelse",
    "Effektiviseringsbidrag",
    "Råderumsforslag på tværs af udvalg",
    "Kloge m2 – kapacitetstilpasning",
    "Generativ kunstig intelligens i hele organisationen",
    "Rekruttering og fastholdelse",
    "Flådestyringsenhed",
    "Trivsel og gode arbejdsfællesskaber",
]

DECLARATIONS = {
    "Økonomisk Politik": [
        "Eftersyn af budgetterne på de store velfærdsområder",
        "Fortsat fokus på budget i balance",
        "Analyse af kommunens kassebeholdning og likviditet",
        "Ny råderumsrunde til budget 2027",
        "Styrket økonomistyring i decentrale enheder",
        "Gennemgang af takster og gebyrer",
        "Analyse af anlægsprojekternes afledte drift",
        "Revision af principper for aftalestyring",
    ],
    "Politiske visioner": [
        "Revision af plan- og udviklingsstrategien",
        "Lokaldemokrati i nybrud",
        "Børne- og ungepolitik",
        "Sundhedspolitik",
        "Handicappolitik",
        "Kulturpolitik",
        "Landdistriktspolitik",
        "Arbejdsmarkedspolitik",
    ],
    "Sociale investeringer, Fremtidens velfærd, Skoler og dagtilbud": [
        "Sociale investeringer i tidlig indsats",
        "Fremtidens ældrepleje",
        "Skolestruktur i Norddjurs",
        "Dagtilbudsstruktur",
        "Psykiatri og misbrug",
        "Frihed i ældreplejen",
        "Faglig udvikling i folkeskolen",
        "Forebyggelse blandt børn og unge",
    ],
    "Norddjurs i bevægelse": [
        "Bevægelse i hverdagen",
        "Stier og naturoplevelser",
        "Idrætsstrategi",
        "Bevægelse for seniorer",
        "Aktive fællesskaber i foreningerne",
        "Sundhedsfremme på arbejdspladser",
        "Bevægelsesvenlige skolegårde",
    ],
    "Partnerskaber": [
        "Partnerskabet med Halmstad",
        "Det blå Danmark",
        "Samarbejde med Aarhus Universitet",
        "Grenaa Havn som vækstmotor",
        "Partnerskaber med civilsamfundet",
        "Anholt-samarbejdet",
        "Regionalt samarbejde i Business Region Aarhus",
    ],
    "Vækst, erhverv og beskæftigelse": [
        "Kvalificeret arbejdskraft til virksomhederne",
        "Iværksætterstrategi",
        "Erhvervsarealer og byudvikling",
        "Turismestrategi",
        "Flere i job",
        "Uddannelsesløft for ufaglærte",
        "Digital infrastruktur i landdistrikterne",
        "Bosætning og tilflytterservice",
    ],
    "Klima, miljø, natur og den grønne omstilling": [
        "DK2020 klimahandlingsplan",
        "Biodiversitet på kommunens arealer",
        "Grøn omstilling af transporten",
        "Klimatilpasning og Næse for vand",
        "Energibesparelser i kommunale bygninger",
        "Cirkulær økonomi og affald",
        "Skovrejsning",
    ],
}

PROCESS_TEXTS = [
    "Administrationen udarbejder et oplæg, som forelægges fagudvalget. Herefter "
    "implementeres ændringen i driften.",
    "Indarbejdes i den ordinære drift. Der følges op i forbindelse med budgetopfølgningerne.",
    "Der nedsættes en tværgående arbejdsgruppe, som afrapporterer til Direktionen.",
    "Sagen forelægges fagudvalget, Økonomiudvalget og Kommunalbestyrelsen til beslutning.",
    "Projektet udbydes, og anlægsarbejdet forventes igangsat i løbet af året.",
]
ASPECTS_TEXTS = [
    "Berører flere forvaltninger; der koordineres med økonomi og HR.",
    "Sammenhæng til klimahandlingsplanen og plan- og udviklingsstrategien.",
    "Medarbejderinddragelse via MED-organisationen.",
    "Digitaliseringsindsatsen understøtter arbejdsgangene.",
    "",
]
BOARD_ROLES = [
    "Direktionen følger indsatsen på direktionsmøderne.",
    "Direktionen godkender kommissorium og tidsplan.",
    "Orientering i Direktionen ved væsentlige ændringer.",
    "",
]
