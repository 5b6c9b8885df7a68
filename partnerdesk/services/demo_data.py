"""Content of the demo workspace: Lumen & Co., a mid-size online retailer of home goods, and its partners.

This is data, not UI text: names and notes read as a real company would write them, in the partners' own
languages and scripts where people would. Nothing here is wrapped in ``_()``.
"""

from __future__ import annotations

from typing import Any

COMPANY = "Lumen & Co."

# name, role, seniority, email, zone, start, end, is_me
TEAM = (
    ("Marta Sousa", "Partnerships Account Manager", "senior", "marta.sousa@lumenco.example", "Europe/Lisbon",
     "09:00", "18:00", True),
    ("Daniel Okafor", "Head of Marketplaces", "senior", "daniel.okafor@lumenco.example", "Europe/Lisbon",
     "08:30", "17:30", False),
    ("Yuki Tanaka", "APAC Partnerships Lead", "senior", "yuki.tanaka@lumenco.example", "Asia/Tokyo",
     "09:00", "18:00", False),
    ("Leonor Batista", "Partnerships Coordinator", "junior", "leonor.batista@lumenco.example", "Europe/Lisbon",
     "09:30", "18:30", False),
    ("Karim Haddad", "MENA Partnerships Associate", "junior", "karim.haddad@lumenco.example", "Asia/Dubai",
     "09:00", "18:00", False),
    ("Sofia Greco", "Partnerships Analyst", "new_hire", "sofia.greco@lumenco.example", "Europe/Rome",
     "09:00", "17:00", False),
)

# Owner #1 is a senior team member, owner #2 a junior (indexes into TEAM).
PARTNERS: tuple[dict[str, Any], ...] = (
    dict(name="Vitrine Paulista", kind="marketplace", stage="active", country="BR", time_zone="America/Sao_Paulo",
         locale="pt", website="https://www.vitrinepaulista.com.br", hours=("09:00", "18:00"), reply=12,
         owners=(1, 3), scores=(5, 4, 4), color="#E4572E", tags=["marketplace", "latam", "top-seller"],
         evaluation="Maior marketplace de casa e decoração de SP; exige catálogo com NCM e fotos 1200px.",
         notes="Commission 14% on home goods; featured-shelf campaigns every quarter."),
    dict(name="Rota Sul Logística", kind="logistics", stage="expanded", country="BR",
         time_zone="America/Sao_Paulo", locale="pt", website="https://rotasul.com.br", hours=("08:00", "17:00"),
         reply=6, owners=(0, 3), scores=(4, 4, 5), color="#F3A712", tags=["3pl", "fulfilment", "latam"],
         evaluation="Armazém em Cajamar; SLA de expedição D+1 cumprido em 97% no piloto.",
         notes="Expanded from São Paulo to Rio and Minas Gerais delivery zones."),
    dict(name="PixPronto Pagamentos", kind="payments", stage="pilot", country="BR",
         time_zone="America/Sao_Paulo", locale="pt", website="https://pixpronto.com.br", hours=("09:00", "18:00"),
         reply=24, owners=(1, 3), scores=(3, 4, 4), color="#29BF12", tags=["pix", "checkout"],
         evaluation="Boa API de Pix e boleto; suporte ainda pequeno.",
         notes="Pilot: Pix at checkout for 10% of Brazilian traffic."),
    dict(name="Atlântico Digital", kind="agency", stage="active", country="PT", time_zone="Europe/Lisbon",
         locale="pt", website="https://atlanticodigital.pt", hours=("09:30", "18:30"), reply=8,
         owners=(0, 3), scores=(4, 5, 5), color="#1B998B", tags=["creative", "paid-social"],
         evaluation="Agência criativa de confiança; campanhas de Natal com ROI acima de 3x.",
         notes="Retainer for paid social and seasonal creative in PT and ES."),
    dict(name="Casa Lusa Cerâmica", kind="vendor", stage="active", country="PT", time_zone="Europe/Lisbon",
         locale="pt", website="https://casalusa.pt", hours=("08:00", "17:00"), reply=48, owners=(0, 5),
         scores=(5, 5, 4), color="#2E86AB", tags=["ceramics", "exclusive"],
         evaluation="Fábrica familiar nas Caldas da Rainha; qualidade excelente, prazos longos.",
         notes="Exclusive glaze line 'Maré' for Lumen & Co."),
    dict(name="Sakura Commerce", kind="marketplace", stage="evaluating", country="JP", time_zone="Asia/Tokyo",
         locale="ja", website="https://sakura-commerce.co.jp", hours=("10:00", "19:00"), reply=24,
         owners=(2, 5), scores=(4, 5, 3), color="#D7263D", tags=["marketplace", "apac"],
         evaluation="国内最大級のインテリア系モール。出店審査が厳しく、日本語の商品説明が必須。",
         notes="Evaluating a flagship store; needs JP-language catalogue and local returns address."),
    dict(name="浪速ロジスティクス", kind="logistics", stage="pilot", country="JP", time_zone="Asia/Tokyo",
         locale="ja", website="https://naniwa-logi.jp", hours=("08:30", "17:30"), reply=12, owners=(2, 4),
         scores=(4, 4, 4), color="#3F88C5", tags=["3pl", "osaka", "apac"],
         evaluation="大阪・南港の倉庫。小口配送と返品処理に強い。",
         notes="Osaka warehouse; pilot with 120 SKUs shipped from Nankō."),
    dict(name="Tokyo Support Works", kind="customer_service", stage="prospect", country="JP",
         time_zone="Asia/Tokyo", locale="ja", website="https://tokyo-support.jp", hours=("09:00", "18:00"),
         reply=24, owners=(2, 5), scores=(3, 3, 4), color="#A23B72", tags=["cs", "apac"],
         evaluation="日本語・英語のバイリンガル窓口。料金は高め。",
         notes="Could take over Japanese customer e-mail and LINE chat."),
    dict(name="Studio Ventura SEO", kind="seo_marketing", stage="active", country="IT", time_zone="Europe/Rome",
         locale="it", website="https://studioventura.it", hours=("09:00", "18:00"), reply=12, owners=(1, 5),
         scores=(4, 4, 4), color="#6A4C93", tags=["seo", "content"],
         evaluation="Ottimi risultati su ricerca organica in Italia; report mensili puntuali.",
         notes="SEO and content for the Italian shop; link-building under review."),
    dict(name="Tessuti Fiorentini", kind="vendor", stage="paused", country="IT", time_zone="Europe/Rome",
         locale="it", website="https://tessutifiorentini.it", hours=("08:30", "17:30"), reply=72, owners=(0, 5),
         scores=(4, 3, 3), color="#8AC926", tags=["textiles", "linen"],
         evaluation="Lino di alta qualità; due consegne in ritardo nel 2025, collaborazione sospesa.",
         notes="Paused after late deliveries; re-evaluate in spring."),
    dict(name="Aegean Tech Labs", kind="technology", stage="active", country="GR", time_zone="Europe/Athens",
         locale="el", website="https://aegeantech.gr", hours=("09:00", "17:00"), reply=8, owners=(1, 4),
         scores=(5, 4, 5), color="#1982C4", tags=["search", "recommendations"],
         evaluation="Μηχανή προτάσεων προϊόντων· αύξηση μετατροπών 12% στο πιλοτικό.",
         notes="Product recommendation engine on all storefronts."),
    dict(name="Kyma Hotels", kind="b2b_customer", stage="ended", country="GR", time_zone="Europe/Athens",
         locale="el", website="https://kymahotels.gr", hours=("09:00", "17:00"), reply=48, owners=(0, 4),
         scores=(3, 4, 2), color="#FF595E", tags=["b2b", "hospitality"],
         evaluation="Αλυσίδα ξενοδοχείων στις Κυκλάδες· η συνεργασία ολοκληρώθηκε μετά την ανακαίνιση.",
         notes="Supplied 340 rooms with linen and tableware; contract ended."),
    dict(name="سوق البحر", kind="marketplace", stage="evaluating", country="AE", time_zone="Asia/Dubai",
         locale="ar", website="https://souqalbahr.ae", hours=("09:00", "18:00"), reply=24, owners=(1, 4),
         scores=(4, 3, 4), color="#FFCA3A", tags=["marketplace", "mena"],
         evaluation="سوق إلكتروني سريع النمو في الإمارات؛ يتطلب أوصافًا باللغتين العربية والإنجليزية.",
         notes="Evaluating listing 400 SKUs with fulfilment by the marketplace."),
    dict(name="Najd Care Center", kind="customer_service", stage="pilot", country="SA", time_zone="Asia/Riyadh",
         locale="en", website="https://najdcare.sa", hours=("08:00", "16:00"), weekend=[4, 5], reply=6,
         owners=(0, 4), scores=(4, 4, 4), color="#6B4226", tags=["cs", "mena", "arabic"],
         evaluation="Arabic/English contact centre in Riyadh; strong on WhatsApp support.",
         notes="Pilot: Arabic customer service for the Gulf storefront, Sunday–Thursday."),
)

# Per partner (same order): (given, family, display, role, email, phone, advisory, zone override, locale)
CONTACTS: tuple[tuple[tuple[Any, ...], ...], ...] = (
    (("Ana Luíza", "Conceição", "Ana Luíza Conceição", "Gerente de Contas", "ana.conceicao", "+55 11 98765-4321",
      False, "", "pt"),
     ("João", "Araújo", "João Araújo", "Diretor Comercial", "joao.araujo", "+55 11 97654-3210", True, "", "pt"),
     ("Letícia", "Gonçalves", "Letícia Gonçalves", "Analista de Catálogo", "leticia.g", "+55 11 96543-2109",
      False, "", "pt")),
    (("Thiago", "Magalhães", "Thiago Magalhães", "Gerente de Operações", "thiago.m", "+55 11 95432-1098", False,
      "", "pt"),
     ("Fernanda", "Brandão", "Fernanda Brandão", "Coordenadora de Transportes", "fernanda.b", "+55 21 99876-5432",
      False, "", "pt"),
     ("Otávio", "Simões", "Otávio Simões", "Diretor Executivo", "otavio.s", "+55 11 94321-0987", True,
      "America/Manaus", "pt")),
    (("Beatriz", "Fontes", "Beatriz Fontes", "Gerente de Parcerias", "beatriz", "+55 11 93210-9876", False, "",
      "pt"),
     ("Caio", "Peçanha", "Caio Peçanha", "Engenheiro de Integrações", "caio", "+55 11 92109-8765", False, "",
      "pt"),
     ("Mônica", "Azevêdo", "Mônica Azevêdo", "Head de Risco", "monica", "+55 11 91098-7654", False, "", "pt")),
    (("Inês", "Carvalho", "Inês Carvalho", "Diretora de Contas", "ines", "+351 912 345 678", True, "", "pt"),
     ("Tomás", "Guimarães", "Tomás Guimarães", "Diretor Criativo", "tomas", "+351 913 456 789", False, "", "pt"),
     ("Constança", "Leitão", "Constança Leitão", "Gestora de Media", "constanca", "+351 914 567 890", False, "",
      "pt")),
    (("José", "Valério", "José Valério", "Sócio-gerente", "jose", "+351 262 000 111", False, "", "pt"),
     ("Graça", "Antunes", "Graça Antunes", "Responsável de Produção", "graca", "+351 262 000 112", False, "",
      "pt"),
     ("Rúben", "Mendonça", "Rúben Mendonça", "Expedição", "ruben", "+351 262 000 113", False, "", "pt")),
    (("健太", "佐藤", "佐藤 健太", "出店営業部 部長", "k.sato", "+81 3-1234-5678", True, "", "ja"),
     ("美咲", "鈴木", "鈴木 美咲", "カテゴリーマネージャー", "m.suzuki", "+81 3-1234-5679", False, "", "ja"),
     ("大輔", "高橋", "高橋 大輔", "技術連携担当", "d.takahashi", "+81 3-1234-5680", False, "", "ja")),
    (("浩二", "山本", "山本 浩二", "物流センター長", "k.yamamoto", "+81 6-6612-3456", False, "", "ja"),
     ("由美", "中村", "中村 由美", "営業担当", "y.nakamura", "+81 6-6612-3457", False, "", "ja"),
     ("翔", "小林", "小林 翔", "倉庫オペレーション", "s.kobayashi", "+81 6-6612-3458", False, "", "ja")),
    (("直樹", "伊藤", "伊藤 直樹", "代表取締役", "n.ito", "+81 3-5555-0101", True, "", "ja"),
     ("さくら", "渡辺", "渡辺 さくら", "カスタマーサクセス", "s.watanabe", "+81 3-5555-0102", False, "", "ja"),
     ("Emily", "Clarke", "Emily Clarke", "Bilingual Team Lead", "e.clarke", "+81 3-5555-0103", False, "", "en")),
    (("Niccolò", "Ventura", "Niccolò Ventura", "Fondatore", "niccolo", "+39 06 1234 5678", True, "", "it"),
     ("Chiara", "De Santis", "Chiara De Santis", "SEO Specialist", "chiara", "+39 06 1234 5679", False, "",
      "it"),
     ("Lucia", "Fabbri", "Lucia Fabbri", "Content Editor", "lucia", "+39 06 1234 5680", False, "", "it")),
    (("Giovanna", "Mazzà", "Giovanna Mazzà", "Titolare", "giovanna", "+39 055 234 5678", False, "", "it"),
     ("Andrea", "Nicolò", "Andrea Nicolò", "Responsabile Logistica", "andrea", "+39 055 234 5679", False, "",
      "it"),
     ("Federica", "Bellù", "Federica Bellù", "Ufficio Commerciale", "federica", "+39 055 234 5680", False, "",
      "it")),
    (("Γιώργος", "Παπαδόπουλος", "Γιώργος Παπαδόπουλος", "Διευθύνων Σύμβουλος", "g.papadopoulos",
      "+30 210 123 4567", True, "", "el"),
     ("Ελένη", "Κωνσταντίνου", "Ελένη Κωνσταντίνου", "Υπεύθυνη Έργου", "e.konstantinou", "+30 210 123 4568",
      False, "", "el"),
     ("Νίκος", "Αλεξίου", "Νίκος Αλεξίου", "Μηχανικός Δεδομένων", "n.alexiou", "+30 210 123 4569", False,
      "Europe/Berlin", "el")),
    (("Μαρία", "Γεωργίου", "Μαρία Γεωργίου", "Διευθύντρια Προμηθειών", "m.georgiou", "+30 22840 12345", False,
      "", "el"),
     ("Δημήτρης", "Νικολάου", "Δημήτρης Νικολάου", "Γενικός Διευθυντής", "d.nikolaou", "+30 22840 12346", False,
      "", "el"),
     ("Κατερίνα", "Βλάχου", "Κατερίνα Βλάχου", "Υπεύθυνη Οικονομικών", "k.vlachou", "+30 22840 12347", False,
      "", "el")),
    (("أحمد", "المنصوري", "أحمد المنصوري", "مدير الشراكات", "ahmed", "+971 4 123 4567", True, "", "ar"),
     ("فاطمة", "الهاشمي", "فاطمة الهاشمي", "مديرة الفئات", "fatima", "+971 4 123 4568", False, "", "ar"),
     ("Rahul", "Menon", "Rahul Menon", "Seller Integration Manager", "rahul", "+971 4 123 4569", False, "",
      "en")),
    (("خالد", "العتيبي", "خالد العتيبي", "المدير التنفيذي", "khalid", "+966 11 234 5678", True, "", "ar"),
     ("نورة", "القحطاني", "نورة القحطاني", "مشرفة فريق الدعم", "noura", "+966 11 234 5679", False, "", "ar"),
     ("عمر", "الشهري", "عمر الشهري", "أخصائي الجودة", "omar", "+966 11 234 5680", False, "Asia/Dubai", "ar")),
)

# Work item templates: (title, description, tags, checklist). "{p}" is the partner's name.
WORK_TEMPLATES: tuple[tuple[str, str, list[str], list[str]], ...] = (
    ("Quarterly business review with {p}",
     "Review last quarter's traffic, conversions and SLA with {p}; agree three priorities for next quarter.",
     ["review"], ["Pull KPI dashboard", "Draft agenda", "Send deck"]),
    ("Renew contract terms with {p}",
     "Current agreement with {p} comes up for review; check notice period and propose updated commission.",
     ["contract"], ["Check notice period", "Legal review", "Counter-proposal"]),
    ("Catalogue feed sync errors ({p})",
     "{p} rejected part of the nightly product feed (missing GTINs and dimensions).",
     ["catalogue", "bug"], ["Export error log", "Fix GTIN mapping"]),
    ("Holiday campaign brief for {p}",
     "Prepare the Q4 campaign brief for {p}: hero products, budget split and creative deadlines.",
     ["campaign"], ["Share brand guide", "Agree budget", "Approve creatives"]),
    ("Onboarding questionnaire from {p}",
     "{p} still has to return the onboarding questionnaire before the pilot can start.",
     ["onboarding"], ["Send questionnaire", "Chase answers"]),
    ("Invoice reconciliation with {p}",
     "Two invoices from {p} do not match the purchase orders; reconcile before month-end close.",
     ["finance"], ["Match invoices", "Confirm FX rates"]),
    ("Returns process walkthrough ({p})",
     "Walk {p} through our returns policy (30 days, free return label) and refund timings.",
     ["returns", "operations"], []),
    ("Translate product descriptions for {p}",
     "Localised product copy for {p}'s storefront, following the tone-of-voice guide.",
     ["localisation"], ["Top 50 SKUs", "Proofread", "Upload"]),
    ("Negotiate SLA penalties with {p}",
     "After last month's delays, agree service credits with {p} for missed SLAs.",
     ["contract", "sla"], []),
    ("Monthly KPI report to {p}",
     "Send {p} the monthly KPI pack with comments on trends and targets.",
     ["kpi", "report"], ["Traffic", "Conversions", "Response times"]),
    ("Photo shoot samples to {p}",
     "Ship samples of the new collection to {p} for the lifestyle shoot.",
     ["content"], ["Pick samples", "Book courier"]),
    ("Security questionnaire for {p}",
     "Complete {p}'s vendor security assessment and the data-processing addendum.",
     ["compliance"], ["Data processing addendum", "Pen-test summary"]),
)

SCOPE = (
    ("pilot", True, "Pilot with the 100 best-selling home-goods SKUs", "delivered"),
    ("pilot", True, "Weekly performance report shared every Monday", "agreed"),
    ("pilot", False, "Furniture and bulky items (over 30 kg) are out of the pilot", "agreed"),
    ("expansion", True, "Full catalogue (about 2,400 SKUs) after a successful pilot", "proposed"),
    ("expansion", True, "Joint seasonal campaigns in Q4", "proposed"),
    ("expansion", False, "Private-label products remain excluded", "dropped"),
)

PAYMENT_TERMS = (
    "Net 30 from invoice date, by bank transfer; invoices in the partner's local currency.",
    "Monthly in arrears, net 45; commission deducted from payouts.",
    "50% on signature, 50% on delivery; Pix or bank transfer.",
)
DELIVERY_TERMS = (
    "Orders dispatched D+1 before 14:00 local time; tracking uploaded within 2 hours.",
    "Creative deliverables two weeks before campaign start; two revision rounds included.",
    "DAP Lisbon warehouse (Incoterms 2020); lead time 6 weeks from purchase order.",
)
DISPUTES = (
    "The parties first escalate to their account leads, then to senior management within 15 business days. "
    "Unresolved disputes go to mediation at the Centro de Arbitragem Comercial in Lisbon; Portuguese law "
    "applies.",
    "Disputes are settled by arbitration under the ICC Rules by a sole arbitrator seated in London; the "
    "language of the arbitration is English.",
    "Amicable negotiation for 30 days, then mediation at the Camera Arbitrale di Milano; Italian law applies.",
    "Disputes are referred to the DIAC (Dubai International Arbitration Centre); the seat is the DIFC and the "
    "language is English.",
)
OUR_OBLIGATIONS = "Provide product data, images and brand guide; pay invoices on time; name an account manager."
PARTNER_OBLIGATIONS = "Deliver the agreed services to the SLA; report KPIs monthly; protect customer data (GDPR/LGPD)."

RESPONSIBILITIES = (
    ("Check order and stock sync dashboard", "daily"),
    ("Review open customer tickets and escalations", "weekly"),
    ("Send KPI report and invoice", "monthly"),
    ("Business review and scope check", "quarterly"),
    ("Sign updated data-processing addendum", "one_off"),
)

INTERACTIONS = (
    ("call", "Call about the return rate on ceramics; agreed to add bubble-wrap inserts."),
    ("email", "Sent the updated price list and Q3 promotion calendar."),
    ("video", "Video meeting: reviewed conversion funnel and next month's campaign."),
    ("email", "Partner asked for high-resolution images of the new collection."),
    ("call", "Discussed invoice discrepancy; they will issue a credit note."),
    ("video", "Kick-off for the holiday campaign with their creative team."),
    ("message", "Quick check on the delayed shipment; new ETA Friday."),
)

BRAND: dict[str, Any] = dict(
    name="Lumen & Co. brand guide",
    story="Lumen & Co. started in 2014 in a Lisbon workshop selling hand-glazed lamps. Today we ship calm, "
          "well-made home goods to 30 countries, working with makers who care about materials as much as we do. "
          "Every product should make a home feel lighter.",
    tone="Warm, clear and unhurried. We speak like a knowledgeable friend: short sentences, concrete details "
         "about materials and care, no hype and no exclamation marks. Localise, never just translate.",
    imagery="Natural daylight, real homes, a human hand in at least one shot. Neutral backgrounds in linen or "
            "plaster tones; products at eye level; no heavy filters or stock-photo smiles.",
    colors=(("Lumen Ink", "#1F2A44", "Text and logo"), ("Linen", "#F4EDE1", "Backgrounds"),
            ("Terracotta", "#C8553D", "Calls to action"), ("Olive", "#6B7F3A", "Sustainability labels"),
            ("Sea Glass", "#8FB8B0", "Highlights and badges"), ("Sand", "#D9C3A0", "Secondary panels")),
    typefaces=(("Headings", "Noto Serif", "Titles and campaign headlines"),
               ("Body", "Noto Sans", "Product copy, UI and documents"),
               ("Japanese", "BIZ UDPGothic", "All Japanese-language material")),
    rules=(("do", "Show the product in use in a real room."),
           ("do", "Keep the logo on Linen or Lumen Ink only, with clear space of one 'L' height."),
           ("do", "Write care instructions for every product."),
           ("dont", "Don't stretch, recolour or outline the logo."),
           ("dont", "Don't use discount language like 'cheap' or 'crazy deal'."),
           ("dont", "Don't place text over busy photo areas.")),
)

QUESTIONNAIRE: dict[str, Any] = dict(
    title="Partner onboarding questionnaire",
    intro="Please answer before our kick-off call so we can prepare the pilot. It takes about 10 minutes.",
    questions=(
        ("Legal company name and registration number", "short_text", [], True),
        ("Main contact for day-to-day operations", "short_text", [], True),
        ("Describe your current customers and the categories you are strongest in", "long_text", [], False),
        ("Do you already work with other home-goods retailers?", "yes_no", [], True),
        ("Preferred communication channel", "choice", ["E-mail", "Video call", "Phone", "Chat"], True),
        ("Which markets do you serve?", "choice", ["Brazil", "Portugal", "Japan", "Italy", "Greece", "GCC"], False),
        ("Average reply time to e-mails (hours)", "number", [], False),
        ("Number of people who will work on this partnership", "number", [], False),
        ("Earliest possible pilot start date", "date", [], True),
        ("Can you share monthly KPI reports?", "yes_no", [], True),
        ("Anything else we should know?", "long_text", [], False),
    ),
)

RECURRING_EVENTS = (
    ("Monthly partner brainstorming", "workshop", "FREQ=MONTHLY;BYDAY=1TU", "Europe/Lisbon", (15, 0), 60),
    ("Weekly content review", "content", "FREQ=WEEKLY;BYDAY=TH", "Europe/Lisbon", (11, 0), 45),
    ("Quarterly partner webinar", "training", "FREQ=MONTHLY;INTERVAL=3;BYDAY=2WE", "Europe/Lisbon", (16, 0), 90),
)

# (title template, kind, partner index, day offset, local hour)
EVENTS = (
    ("Quarterly review with {p}", "review", 0, 3, 14),
    ("Carrier SLA review — {p}", "review", 1, -9, 10),
    ("Pix integration training ({p})", "training", 2, 6, 10),
    ("Christmas campaign workshop with {p}", "workshop", 3, 2, 15),
    ("Supplier payment run — {p}", "payment", 4, 10, 9),
    ("Store-opening video meeting with {p}", "meeting", 5, 1, 10),
    ("Osaka warehouse walkthrough (video) — {p}", "meeting", 6, 4, 14),
    ("Intro call with {p}", "meeting", 7, 8, 16),
    ("SEO content workshop — {p}", "workshop", 8, -2, 11),
    ("Recommendation engine review — {p}", "review", 10, 5, 12),
    ("Marketplace onboarding video meeting — {p}", "meeting", 12, 7, 11),
    ("CS agent training: return policy — {p}", "training", 13, 2, 10),
    ("Contract renewal deadline — {p}", "deadline", 9, 20, 17),
    ("Partner invoice due — {p}", "payment", 11, -5, 9),
)

CURRENCY_BY_COUNTRY = {"BR": "BRL", "PT": "EUR", "IT": "EUR", "GR": "EUR", "JP": "JPY", "AE": "AED", "SA": "SAR"}
METHOD_BY_CURRENCY = {"BRL": "pix", "EUR": "sepa", "JPY": "bank_transfer", "AED": "bank_transfer",
                      "SAR": "bank_transfer"}
# Typical monthly invoice in major units.
INVOICE_SIZE = {"BRL": 18000, "EUR": 4500, "JPY": 650000, "AED": 16000, "SAR": 15000}

ACTIVITY = (
    ("partner", "Created the partner record and set owners"),
    ("contract", "Uploaded the signed contract"),
    ("work_item", "Moved the card to At Risk after the missed delivery"),
    ("payment", "Marked the invoice as paid"),
)
