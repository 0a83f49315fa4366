"""French demo content for ``manage.py seed_demo --language fr``: a French tech-news site.

Same shapes and same creation code as the English demo (``articles.demo``); only the words
differ. Companies, schools, towns and people are invented; their web addresses use the
reserved ``example.org`` domain, and background links go to the French Wikipedia.

Texts are written with ordinary spaces and typeset on import (``_typeset``): no-break spaces
inside « », before : ; ? ! % °, and after a number ("40 000 appareils", "200 Mo"), as French
typography wants.
"""

import re
import textwrap
from dataclasses import replace

from .demo import DemoData, Picture, Story, Vocabulary

NBSP = "\u00a0"
_SPACE_BEFORE = re.compile(r"(?<=\S)[ \n](?=[:;?!»%°])")
_SPACE_AFTER = re.compile(r"«[ \n]")
_AFTER_NUMBER = re.compile(r"(?<=\d) (?=\S)")


def _typeset(text):
    text = _SPACE_BEFORE.sub(NBSP, text)
    text = _SPACE_AFTER.sub("«" + NBSP, text)
    return _AFTER_NUMBER.sub(NBSP, text)


def _french(story):
    """``story`` with French typography in everything readers see."""
    return replace(
        story,
        title=_typeset(story.title),
        standfirst=_typeset(story.standfirst),
        body=_typeset(story.body),
        pictures=tuple(
            replace(picture, alt=_typeset(picture.alt), caption=_typeset(picture.caption))
            for picture in story.pictures
        ),
    )


def _body(text):
    return textwrap.dedent(text).strip() + "\n"


# Rubriques, auteurs, mots-clés ------------------------------------------------------------------

SECTIONS = (
    (
        "tech",
        "Tech",
        "Processeurs, smartphones, logiciels et réseaux : les machines de notre quotidien.",
    ),
    ("sciences", "Sciences", "Espace, énergie, climat et recherche, expliqués sans jargon."),
    ("jeux-video", "Jeux vidéo", "Studios, consoles, patrimoine et économie du jeu vidéo."),
    ("economie", "Économie", "Start-up, marchés, emploi et régulation du numérique."),
)

# (slug, nom, biographie, dessiner un portrait)
AUTHORS = (
    (
        "claire-dumas",
        "Claire Dumas",
        "Journaliste tech. Suit les puces, les smartphones et tout ce qui tient dans une poche. "
        "A écrit du code embarqué pendant huit ans avant de passer au journalisme.",
        True,
    ),
    (
        "karim-haddad",
        "Karim Haddad",
        "Rédacteur sciences. Espace, énergie et recherche publique ; docteur en physique des "
        "matériaux, il préfère les expériences qui ratent à celles qui font la une.",
        True,
    ),
    (
        "lea-marchand",
        "Léa Marchand",
        "Cheffe de la rubrique jeux vidéo : studios indépendants, patrimoine vidéoludique et "
        "économie du jeu.",
        False,
    ),
    (
        "thomas-girard",
        "Thomas Girard",
        "Journaliste économie. Levées de fonds, marché de l’occasion et régulation du numérique.",
        False,
    ),
    (
        "redaction",
        "Rédaction",
        "Articles écrits à partir de dépêches d’agence et de communiqués, vérifiés et édités par "
        "la rédaction.",
        False,
    ),
)

TAGS = (
    ("intelligence-artificielle", "Intelligence artificielle"),
    ("semi-conducteurs", "Semi-conducteurs"),
    ("smartphones", "Smartphones"),
    ("logiciel-libre", "Logiciel libre"),
    ("cybersecurite", "Cybersécurité"),
    ("reseaux", "Réseaux"),
    ("energie", "Énergie"),
    ("espace", "Espace"),
    ("informatique-quantique", "Informatique quantique"),
    ("reparation", "Réparation"),
    ("jeu-independant", "Jeu indépendant"),
    ("retrogaming", "Rétrogaming"),
    ("start-up", "Start-up"),
)


# Articles écrits pour la démo -------------------------------------------------------------------

STORIES = (
    Story(
        slug="puce-risc-v-capteurs-connectes-dix-ans-autonomie",
        title="Une puce RISC-V promet dix ans d’autonomie aux capteurs connectés",
        standfirst=(
            "La jeune pousse Silicium Alpin présente un microcontrôleur ouvert qui consomme "
            "moins d’un microwatt en veille. Les premiers échantillons partent cet été."
        ),
        section="tech",
        authors=("claire-dumas",),
        tags=("semi-conducteurs", "energie"),
        hours_ago=4,
        body=_body("""
            Silicium Alpin, une start-up née dans un laboratoire de microélectronique, a
            dévoilé mardi un microcontrôleur destiné aux capteurs connectés : compteurs d’eau,
            stations météo, balises de suivi de colis. Sa promesse tient en un chiffre : dix ans
            de fonctionnement sur une simple pile bouton.

            La puce repose sur [RISC-V](https://fr.wikipedia.org/wiki/RISC-V), un jeu
            d’instructions ouvert que n’importe quel fabricant peut utiliser sans payer de
            licence. Elle sera gravée en 22 nanomètres, un procédé ancien mais bon marché et
            parfaitement maîtrisé par les fondeurs européens.

            ## Un cœur qui dort presque tout le temps

            L’essentiel du gain vient du sommeil. Un capteur de température passe plus de 99 %
            de son temps à attendre ; la puce coupe alors l’alimentation de tout, sauf d’une
            petite horloge et de quelques octets de mémoire. Selon la
            [fiche technique](https://silicium-alpin.example.org/produits/sa-100) publiée par
            l’entreprise, sa consommation en veille descend sous le microwatt.

            [figure 2]

            ## Des échantillons cet été

            Une vingtaine d’industriels recevront des échantillons en juillet, pour une
            production en volume l’an prochain. « Nous ne cherchons pas à battre les géants en
            puissance, mais à tenir plus longtemps qu’eux sur la même pile », résume la
            cofondatrice de l’entreprise, Hélène Roux.

            Reste à convaincre les ingénieurs : les outils de développement pour RISC-V
            progressent vite, mais beaucoup restent attachés aux microcontrôleurs qu’ils
            programment depuis quinze ans.
            """),
        pictures=(
            Picture(
                alt="Une petite puce noire posée sur le bout d’un doigt ganté.",
                caption="Le microcontrôleur SA-100, à peine plus grand qu’une lentille.",
                credit="Silicium Alpin",
                credit_url="https://silicium-alpin.example.org/presse",
                licence="CC BY 4.0",
            ),
            Picture(
                alt="Une plaquette de silicium aux reflets irisés tenue par une pince.",
                caption="Une plaquette de test, à la sortie de la salle blanche.",
                credit="Mathilde Perrin",
                credit_url="https://mathildeperrin.example.org/",
            ),
        ),
        sources=(
            (
                "story",
                "Silicium Alpin, communiqué de presse",
                "https://silicium-alpin.example.org/presse",
            ),
            (
                "other",
                "Fiche technique du SA-100",
                "https://silicium-alpin.example.org/produits/sa-100",
            ),
        ),
    ),
    Story(
        slug="traduction-hors-ligne-smartphone-modele-libre",
        title="Un modèle de traduction libre fonctionne sans connexion sur un smartphone modeste",
        standfirst=(
            "Des chercheurs publient un modèle de 200 Mo qui traduit entre le français et onze "
            "langues sans envoyer un mot sur Internet. Il bute encore sur les noms propres."
        ),
        section="tech",
        authors=("claire-dumas", "karim-haddad"),
        tags=("intelligence-artificielle", "logiciel-libre", "smartphones"),
        hours_ago=9,
        body=_body("""
            Traduire un menu, un panneau ou un courriel sans réseau, et sans confier son texte
            à un serveur distant : c’est ce que permet Passerelle, un modèle de traduction
            publié lundi sous licence libre par le consortium de recherche Lingua Ouverte.

            Le modèle pèse environ 200 mégaoctets et tourne sur un smartphone vendu moins de
            150 euros il y a trois ans. Il couvre le français et onze autres langues, dont
            l’arabe, le wolof et le portugais.

            ## Plus petit, mais spécialisé

            Les grands modèles de langage généralistes savent traduire, mais ils occupent
            plusieurs gigaoctets. Passerelle fait le choix inverse : il ne sait faire qu’une
            chose. L’équipe a réduit la précision des nombres qui le composent pour le faire
            tenir dans la mémoire d’un téléphone d’entrée de gamme.

            Sur les jeux de test habituels de la
            [traduction automatique](https://fr.wikipedia.org/wiki/Traduction_automatique), il
            obtient des scores proches de ceux des services en ligne pour les phrases courtes.
            Il peine davantage sur les noms propres et les textes juridiques, reconnaissent ses
            auteurs.

            ## Les données restent sur l’appareil

            Pour les associations qui accompagnent des personnes exilées, l’intérêt est d’abord
            la confidentialité : rien ne quitte le téléphone. Le
            [code et les paramètres du modèle](https://lingua-ouverte.example.org/passerelle)
            sont téléchargeables, avec une application de démonstration.
            """),
        pictures=(
            Picture(
                alt="Un smartphone affiche une phrase en français et sa traduction en portugais.",
                caption="L’application de démonstration, ici en mode avion.",
                credit="Lingua Ouverte",
                credit_url="https://lingua-ouverte.example.org/presse",
                licence="CC BY-SA 4.0",
            ),
        ),
        sources=(
            (
                "story",
                "Lingua Ouverte, présentation de Passerelle",
                "https://lingua-ouverte.example.org/passerelle",
            ),
            (
                "image",
                "Lingua Ouverte, espace presse",
                "https://lingua-ouverte.example.org/presse",
            ),
        ),
    ),
    Story(
        slug="faille-routeurs-wifi-correctif",
        title=(
            "Une faille dans des routeurs Wi-Fi grand public permettait d’en prendre le contrôle"
        ),
        standfirst=(
            "Un chercheur a découvert qu’un service de test oublié restait joignable depuis "
            "Internet. Le fabricant a publié un correctif, que certains devront installer "
            "eux-mêmes."
        ),
        section="tech",
        authors=("redaction", "claire-dumas"),
        tags=("cybersecurite", "reseaux"),
        hours_ago=14,
        corrected_after_hours=2,
        body=_body("""
            Plusieurs modèles de routeurs Wi-Fi vendus en grande surface laissaient un service
            d’administration accessible depuis Internet, protégé par un mot de passe trivial, a
            révélé jeudi un chercheur en sécurité indépendant. Un attaquant pouvait prendre la
            main sur l’appareil, lire le trafic non chiffré ou s’en servir pour attaquer
            d’autres machines.

            Le fabricant, Netoria, a confirmé la vulnérabilité et publié un correctif pour cinq
            modèles. Selon le chercheur, près de 40 000 appareils étaient exposés en Europe au
            moment de la découverte.

            ## Un service d’usine resté allumé

            La faille ne tient pas à une attaque savante mais à un oubli : un service utilisé à
            l’usine pour tester les [routeurs](https://fr.wikipedia.org/wiki/Routeur) n’était
            pas désactivé avant la mise en vente. Son existence n’apparaissait que dans une
            documentation technique, comme le détaille
            l’[avis publié par le chercheur](https://veille-securite.example.org/avis/netoria).

            [figure 2]

            ## Que faire si l’on en possède un ?

            Les routeurs concernés installent normalement seuls leurs mises à jour de
            [micrologiciel](https://fr.wikipedia.org/wiki/Micrologiciel), mais les plus anciens
            exigent une installation manuelle depuis leur page d’administration. Les
            spécialistes conseillent aussi de changer le mot de passe par défaut et de couper
            l’administration à distance quand on ne s’en sert pas.

            *Correctif : une version précédente de cet article indiquait que six modèles
            étaient concernés. Le fabricant en a corrigé cinq.*
            """),
        pictures=(
            Picture(
                alt="Un routeur blanc aux voyants verts posé sur une étagère, câbles branchés.",
                caption="Cinq modèles de la marque sont concernés par le correctif.",
                credit="Rédaction",
            ),
            Picture(
                alt="Un écran d’ordinateur affiche une fenêtre de terminal remplie de texte.",
                caption="Le service de test répondait encore aux requêtes venues d’Internet.",
                credit="Julien Lefèvre",
                credit_url="https://julienlefevre.example.org/",
            ),
        ),
        sources=(
            (
                "story",
                "Avis de sécurité du chercheur",
                "https://veille-securite.example.org/avis/netoria",
            ),
            (
                "story",
                "Netoria, bulletin de mise à jour",
                "https://netoria.example.org/support/securite",
            ),
        ),
    ),
    Story(
        slug="ordinateur-portable-modulaire-indice-reparabilite",
        title="Un ordinateur portable modulaire obtient 9,5 sur 10 à l’indice de réparabilité",
        standfirst=(
            "Écran, batterie, clavier et ports se changent avec un seul tournevis. Le fabricant "
            "s’engage à vendre les pièces détachées pendant huit ans."
        ),
        section="tech",
        authors=("claire-dumas",),
        tags=("reparation",),
        hours_ago=22,
        body=_body("""
            Le nouvel ordinateur portable de la marque Modulo obtient 9,5 sur 10 à
            l’[indice de réparabilité](https://fr.wikipedia.org/wiki/Indice_de_r%C3%A9parabilit%C3%A9),
            l’une des meilleures notes attribuées à ce type d’appareil. Cette note, affichée en
            magasin, évalue la facilité de démontage, la disponibilité des pièces détachées et
            leur prix.

            ## Un tournevis et dix minutes

            Le capot inférieur tient par huit vis ordinaires. Une fois retiré, la batterie se
            détache d’une languette, sans colle ni outil chauffant. L’écran, le clavier et les
            ports sont des modules indépendants, vendus entre 20 et 120 euros sur le
            [site du fabricant](https://modulo-informatique.example.org/pieces).

            [figure 2]

            ## Des compromis assumés

            Cette facilité a un prix : la machine est plus épaisse et plus lourde que ses
            concurrentes, et son autonomie reste dans la moyenne. Son processeur de milieu de
            gamme suffira à la bureautique et au développement, pas au montage vidéo en 4K.

            La marque promet sept ans de mises à jour du micrologiciel et huit ans de pièces
            détachées, bien au-delà de ce qu’imposent les règles actuelles.
            """),
        pictures=(
            Picture(
                alt="Un ordinateur portable ouvert par-dessous, sa batterie posée à côté.",
                caption="Le portable démonté : huit vis, aucune colle.",
                credit="Modulo",
                credit_url="https://modulo-informatique.example.org/presse",
                licence="CC BY 4.0",
            ),
            Picture(
                alt="Une main dévisse un module de ports USB avec un petit tournevis cruciforme.",
                caption="Les ports, première pièce à s’user, se changent en deux minutes.",
                credit="Claire Dumas",
            ),
        ),
        sources=(
            (
                "story",
                "Modulo, grille de l’indice de réparabilité",
                "https://modulo-informatique.example.org/reparabilite",
            ),
            (
                "image",
                "Modulo, photos de presse",
                "https://modulo-informatique.example.org/presse",
            ),
        ),
    ),
    Story(
        slug="centre-de-donnees-chauffe-piscine-municipale",
        title="La chaleur d’un centre de données chauffe désormais une piscine municipale",
        standfirst=(
            "Dans le Val d’Orsel, l’eau qui refroidit les serveurs alimente un réseau de "
            "chaleur. La commune espère diviser par deux sa facture de gaz."
        ),
        section="tech",
        authors=("redaction",),
        tags=("energie", "reseaux"),
        hours_ago=30,
        body=_body("""
            Les serveurs d’un hébergeur installé en bordure de la zone d’activité chauffent
            depuis lundi les bassins du centre aquatique du Val d’Orsel. La chaleur qu’ils
            dégagent, jusqu’ici rejetée dans l’air par des tours de refroidissement, est
            récupérée et envoyée par une canalisation de 800 mètres.

            Un [centre de données](https://fr.wikipedia.org/wiki/Centre_de_donn%C3%A9es)
            transforme en chaleur la quasi-totalité de l’électricité qu’il consomme. Mais cette
            chaleur sort à 30 ou 35 °C, trop peu pour un chauffage classique : une pompe à
            chaleur la porte à 60 °C avant de l’injecter dans le
            [réseau de chaleur](https://fr.wikipedia.org/wiki/R%C3%A9seau_de_chaleur)
            communal.

            ## Une facture de gaz divisée par deux

            La piscine, chauffée au gaz jusqu’ici, était le premier poste de dépense
            énergétique de la commune. Les élus attendent une baisse de moitié de la facture,
            selon la [délibération](https://val-dorsel.example.org/deliberations/reseau-chaleur)
            votée l’an dernier. L’hébergeur, lui, économise l’électricité de ses ventilateurs.

            ## Et si les serveurs s’arrêtent ?

            La chaudière à gaz reste en secours. Le contrat prévoit aussi le départ de
            l’hébergeur : la commune garde la canalisation et pourra la raccorder à une autre
            source de chaleur.
            """),
        pictures=(
            Picture(
                alt="Un bassin de natation couvert vu depuis les gradins, sous une charpente.",
                caption="Le bassin sportif du centre aquatique, chauffé par les serveurs.",
                credit="Rédaction",
            ),
        ),
        sources=(
            (
                "story",
                "Communauté de communes du Val d’Orsel, délibération",
                "https://val-dorsel.example.org/deliberations/reseau-chaleur",
            ),
            ("other", "Visite du site et entretien avec l’hébergeur", ""),
        ),
    ),
    Story(
        slug="nanosatellite-etudiant-premieres-images",
        title="Le nanosatellite d’une école d’ingénieurs envoie ses premières images de la Terre",
        standfirst=(
            "Conçu par une cinquantaine d’étudiants, ce cube de dix centimètres de côté doit "
            "tester une caméra infrarouge dix fois moins chère que les modèles spatiaux."
        ),
        section="sciences",
        authors=("karim-haddad",),
        tags=("espace",),
        hours_ago=6,
        body=_body("""
            Il tient dans une main et pèse à peine plus d’un kilo : Hirondelle-1, un
            nanosatellite conçu par les étudiants de l’École d’ingénieurs de Castelbrune, a
            transmis dimanche ses premières images de la Terre, trois semaines après son
            lancement.

            L’engin suit le format [CubeSat](https://fr.wikipedia.org/wiki/CubeSat) : des cubes
            de dix centimètres de côté, assemblés à partir de composants standardisés. Ce format
            a ouvert l’espace aux universités, une place à bord d’une fusée se négociant
            désormais à quelques dizaines de milliers d’euros.

            ## Une caméra infrarouge à petit prix

            Sa mission principale est d’éprouver une caméra infrarouge bâtie à partir de
            capteurs industriels. Si elle résiste aux radiations, des satellites du même type
            pourraient suivre la température des cultures ou des cours d’eau.

            [figure 2]

            ## Six mois en orbite

            Les étudiants se relaient à la station sol de l’école pour suivre les passages du
            satellite, une dizaine de minutes plusieurs fois par jour. Les images seront
            [publiées en libre accès](https://esi-castelbrune.example.org/hirondelle/images) au
            fil de la mission, prévue pour durer au moins six mois.
            """),
        pictures=(
            Picture(
                alt="Un petit cube métallique couvert de panneaux solaires sur une table.",
                caption="Hirondelle-1 lors des derniers essais, avant son départ.",
                credit="École d’ingénieurs de Castelbrune",
                credit_url="https://esi-castelbrune.example.org/presse",
                licence="CC BY 4.0",
            ),
            Picture(
                alt="Une image satellite un peu floue montrant une côte et des nuages.",
                caption="L’une des premières images transmises, au-dessus de l’Atlantique.",
                credit="École d’ingénieurs de Castelbrune",
                credit_url="https://esi-castelbrune.example.org/presse",
                licence="CC BY 4.0",
            ),
        ),
        sources=(
            (
                "story",
                "École d’ingénieurs de Castelbrune, journal de mission",
                "https://esi-castelbrune.example.org/hirondelle",
            ),
            (
                "image",
                "École d’ingénieurs de Castelbrune, espace presse",
                "https://esi-castelbrune.example.org/presse",
            ),
        ),
    ),
    Story(
        slug="batteries-sodium-ion-bus-hiver",
        title="Des batteries sodium-ion ont tenu tout l’hiver dans des bus urbains",
        standfirst=(
            "Sans lithium ni cobalt, ces batteries ont moins souffert du froid que prévu. "
            "Leur poids reste leur point faible."
        ),
        section="sciences",
        authors=("karim-haddad", "thomas-girard"),
        tags=("energie",),
        hours_ago=18,
        body=_body("""
            Quatre bus électriques équipés de batteries sodium-ion ont circulé tout l’hiver sur
            une ligne de l’agglomération de Castelbrune sans incident notable, selon le bilan
            publié mercredi par l’exploitant du réseau et le laboratoire qui pilote l’essai.

            La [batterie sodium-ion](https://fr.wikipedia.org/wiki/Accumulateur_sodium-ion)
            fonctionne sur le même principe que la batterie lithium-ion de nos téléphones, mais
            remplace le lithium par du sodium, abondant et bon marché. Elle se passe aussi de
            cobalt et de nickel.

            ## Moins sensibles au froid

            Par −10 °C, les bus ont conservé 88 % de leur autonomie, contre environ 75 % pour
            des véhicules identiques équipés de batteries lithium-ion. Les chercheurs
            s’attendaient à un écart, mais pas aussi net.

            [La chaleur d’un centre de données chauffe désormais une piscine
            municipale](/articles/centre-de-donnees-chauffe-piscine-municipale/)

            ## Plus lourdes à autonomie égale

            Le sodium stocke moins d’énergie par kilo : les packs pèsent environ 20 % de plus
            que leurs équivalents au lithium. Pour un bus qui recharge chaque nuit au dépôt, ce
            n’est pas rédhibitoire ; pour une voiture, l’équation est plus difficile. Le
            [rapport complet](https://labo-stockage.example.org/rapports/bus-sodium) détaille
            les mesures jour par jour.
            """),
        pictures=(
            Picture(
                alt="Un bus électrique blanc et vert à un arrêt, sous une neige fine.",
                caption="L’un des quatre bus de l’essai, en janvier.",
                credit="Mathilde Perrin",
                credit_url="https://mathildeperrin.example.org/",
            ),
        ),
        sources=(
            (
                "story",
                "Laboratoire de stockage de l’énergie, rapport d’essai",
                "https://labo-stockage.example.org/rapports/bus-sodium",
            ),
            (
                "story",
                "Transports de Castelbrune, bilan de l’hiver",
                "https://transports-castelbrune.example.org/bilan",
            ),
        ),
    ),
    Story(
        slug="calcul-quantique-correction-erreurs-atomes-neutres",
        title=(
            "Calcul quantique : une équipe corrige ses erreurs plus vite qu’elles n’apparaissent"
        ),
        standfirst=(
            "Des physiciens disent avoir franchi un seuil attendu depuis longtemps sur une "
            "machine à atomes neutres. Un ordinateur quantique utile reste lointain."
        ),
        section="sciences",
        authors=("karim-haddad",),
        tags=("informatique-quantique",),
        hours_ago=40,
        body=_body("""
            Une équipe de l’Institut d’optique quantique de Lumeray affirme avoir fait
            fonctionner un « qubit logique » dont le taux d’erreur diminue à mesure qu’on lui
            consacre davantage d’atomes. Le résultat, publié sous forme de prépublication, doit
            encore être relu par d’autres chercheurs.

            ## Pourquoi les erreurs comptent

            Un [calculateur quantique](https://fr.wikipedia.org/wiki/Calculateur_quantique)
            manipule des qubits, des objets physiques extrêmement fragiles : la moindre
            perturbation fausse le calcul. La correction d’erreurs répartit une information sur
            de nombreux qubits physiques pour repérer et réparer les fautes au fil de l’eau.
            Encore faut-il que la réparation ne crée pas plus d’erreurs qu’elle n’en supprime.

            [figure 2]

            ## Des atomes tenus par la lumière

            La machine de l’équipe piège 280 atomes de rubidium avec des faisceaux laser, comme
            autant de pinces optiques. En passant de 17 à 49 atomes par qubit logique, les
            chercheurs disent avoir divisé le taux d’erreur par deux. Leurs données sont
            [disponibles en ligne](https://ioq-lumeray.example.org/prepublications/qubit-logique).

            Plusieurs spécialistes saluent une étape mais appellent à la prudence : il faudra
            des milliers de qubits logiques pour mener des calculs hors de portée des
            ordinateurs classiques.
            """),
        pictures=(
            Picture(
                alt="Une table optique couverte de miroirs et de lentilles, éclairée en rouge.",
                caption="Le montage qui piège les atomes, au sous-sol de l’institut.",
                credit="Institut d’optique quantique de Lumeray",
                credit_url="https://ioq-lumeray.example.org/phototheque",
                licence="CC BY-SA 4.0",
            ),
            Picture(
                alt="Une grille de points lumineux régulièrement espacés sur un fond noir.",
                caption="Des atomes de rubidium photographiés dans leurs pièges optiques.",
                credit="Institut d’optique quantique de Lumeray",
                credit_url="https://ioq-lumeray.example.org/phototheque",
                licence="CC BY-SA 4.0",
            ),
        ),
        sources=(
            (
                "story",
                "Prépublication de l’équipe",
                "https://ioq-lumeray.example.org/prepublications/qubit-logique",
            ),
            (
                "image",
                "Institut d’optique quantique de Lumeray, photothèque",
                "https://ioq-lumeray.example.org/phototheque",
            ),
        ),
    ),
    Story(
        slug="studio-independant-jeu-plateforme-financement-participatif",
        title="Un studio de six personnes finance son jeu de plateforme en quarante-huit heures",
        standfirst=(
            "L’Atelier Brume a réuni 180 000 euros auprès de 7 000 joueurs pour terminer "
            "« Lanterne », un jeu peint à l’aquarelle. Sortie prévue sur PC puis sur consoles."
        ),
        section="jeux-video",
        authors=("lea-marchand",),
        tags=("jeu-independant",),
        hours_ago=12,
        body=_body("""
            Il lui fallait 60 000 euros, il en a obtenu trois fois plus. Le studio indépendant
            Atelier Brume a bouclé en deux jours la campagne de
            [financement participatif](https://fr.wikipedia.org/wiki/Financement_participatif)
            de son premier jeu, « Lanterne », un jeu de plateforme où l’on guide une luciole à
            travers une forêt engloutie.

            ## Peint à la main, image par image

            Les décors et les animations sont peints à l’aquarelle puis numérisés, un choix qui
            pèse sur le calendrier : chaque niveau demande deux mois de travail à la directrice
            artistique. La démo jouable, mise en ligne avec la campagne, a été téléchargée plus
            de 40 000 fois.

            [figure 2]

            ## Un modèle qui a ses limites

            Le financement participatif permet de garder la main sur son jeu, sans éditeur.
            Mais il engage : l’équipe a promis des boîtes collector, une bande originale et un
            mode coopératif. « Chaque palier débloqué, c’est du travail en plus. Nous avons
            arrêté d’en ajouter au bout de vingt-quatre heures », explique le cofondateur,
            Yanis Morel, sur le [journal du studio](https://atelier-brume.example.org/journal).

            La sortie est annoncée pour l’automne prochain sur PC, puis sur consoles.
            """),
        pictures=(
            Picture(
                alt="Une luciole lumineuse saute entre des racines géantes dans une forêt bleue.",
                caption="« Lanterne », dont les décors sont peints à l’aquarelle.",
                credit="Atelier Brume",
                credit_url="https://atelier-brume.example.org/presse",
            ),
            Picture(
                alt="Une femme peint un décor de forêt à l’aquarelle sur une table lumineuse.",
                caption="La directrice artistique du studio au travail sur le troisième niveau.",
                credit="Atelier Brume",
                credit_url="https://atelier-brume.example.org/presse",
            ),
        ),
        sources=(
            (
                "story",
                "Page de la campagne de financement",
                "https://financement.example.org/projets/lanterne",
            ),
            (
                "image",
                "Atelier Brume, dossier de presse",
                "https://atelier-brume.example.org/presse",
            ),
        ),
    ),
    Story(
        slug="preservation-jeux-video-bibliotheque-numerique",
        title="Une bibliothèque numérique sauve 2 000 jeux vidéo des années 1990",
        standfirst=(
            "Disquettes et cédéroms se dégradent : une association de passionnés les copie, "
            "les documente et les rend jouables sur place, avec l’accord des ayants droit."
        ),
        section="jeux-video",
        authors=("lea-marchand", "redaction"),
        tags=("retrogaming",),
        hours_ago=36,
        body=_body("""
            Depuis cinq ans, les bénévoles de l’association Mémoire Pixel récupèrent
            disquettes, cédéroms et cartouches pour en copier le contenu avant qu’il ne devienne
            illisible. Leur catalogue a passé cette semaine le cap des 2 000 jeux, dont
            plusieurs centaines conçus par des studios français aujourd’hui disparus.

            ## Une course contre la montre

            Une disquette mal conservée perd ses données en une vingtaine d’années, et la couche
            réfléchissante de certains cédéroms s’oxyde. S’y ajoutent les protections contre la
            copie, qu’il faut contourner sans abîmer l’original. Chaque jeu est photographié,
            boîte et notice comprises, puis décrit dans une
            [fiche publique](https://memoire-pixel.example.org/catalogue).

            [Un studio de six personnes finance son jeu de plateforme en quarante-huit
            heures](/articles/studio-independant-jeu-plateforme-financement-participatif/)

            ## Jouable, mais sur place

            Le [droit d’auteur](https://fr.wikipedia.org/wiki/Droit_d%27auteur) interdit de
            mettre ces jeux en téléchargement libre. L’association a donc signé des conventions
            avec une centaine d’ayants droit : les jeux ne sont jouables que sur les postes de
            sa salle de consultation, ouverte le week-end. « Les chercheurs viennent pour
            l’histoire, les familles pour la nostalgie », sourit sa présidente.
            """),
        pictures=(
            Picture(
                alt="Des boîtes de jeux vidéo en carton rangées sur des étagères métalliques.",
                caption="Une partie de la collection, dans la réserve de l’association.",
                credit="Mémoire Pixel",
                credit_url="https://memoire-pixel.example.org/",
                licence="CC BY-NC 4.0",
            ),
        ),
        sources=(
            (
                "story",
                "Mémoire Pixel, catalogue en ligne",
                "https://memoire-pixel.example.org/catalogue",
            ),
            ("other", "Entretien avec la présidente de l’association", ""),
        ),
    ),
    Story(
        slug="smartphones-reconditionnes-ventes-hausse",
        title="Les ventes de smartphones reconditionnés progressent de 18 % en un an",
        standfirst=(
            "Prix, garantie allongée et lassitude face aux hausses des modèles neufs : près "
            "d’un téléphone vendu sur quatre serait désormais d’occasion."
        ),
        section="economie",
        authors=("thomas-girard",),
        tags=("smartphones", "reparation"),
        hours_ago=2,
        body=_body("""
            Les ventes de smartphones reconditionnés ont progressé de 18 % en un an, selon le
            baromètre publié jeudi par l’Observatoire du reconditionné, qui réunit vendeurs et
            ateliers de réparation. Près d’un téléphone vendu sur quatre serait désormais un
            appareil d’occasion remis en état.

            ## Le prix avant tout

            Un modèle reconditionné de deux ans coûte en moyenne 40 % de moins que son
            équivalent neuf. Les acheteurs interrogés citent d’abord le prix, puis la garantie,
            que la plupart des vendeurs portent désormais à deux ans. L’argument écologique
            arrive en troisième position, mais progresse chez les moins de trente ans.

            [Un ordinateur portable modulaire obtient 9,5 sur 10 à l’indice de
            réparabilité](/articles/ordinateur-portable-modulaire-indice-reparabilite/)

            ## Des batteries à surveiller

            La batterie reste la première cause de retour. L’observatoire plaide pour un
            affichage obligatoire de sa capacité restante, que seuls certains vendeurs indiquent
            aujourd’hui. Le secteur se réclame de
            l’[économie circulaire](https://fr.wikipedia.org/wiki/%C3%89conomie_circulaire),
            qui vise à prolonger la vie des objets plutôt qu’à les remplacer. Le
            [baromètre complet](https://observatoire-reconditionne.example.org/barometre) est
            téléchargeable.
            """),
        pictures=(
            Picture(
                alt="Des smartphones alignés sur un établi, chacun muni d’une étiquette.",
                caption="Dans un atelier, chaque appareil passe une trentaine de tests.",
                credit="Julien Lefèvre",
                credit_url="https://julienlefevre.example.org/",
            ),
        ),
        sources=(
            (
                "story",
                "Observatoire du reconditionné, baromètre annuel",
                "https://observatoire-reconditionne.example.org/barometre",
            ),
        ),
    ),
    Story(
        slug="cybersecurite-vigilis-leve-40-millions",
        title="Cybersécurité : la start-up Vigilis lève 40 millions d’euros pour protéger les PME",
        standfirst=(
            "Son logiciel surveille les imprimantes, caméras et routeurs des petites "
            "entreprises, souvent oubliés des antivirus. Elle veut recruter 150 personnes."
        ),
        section="economie",
        authors=("thomas-girard", "redaction"),
        tags=("cybersecurite", "start-up"),
        hours_ago=26,
        body=_body("""
            La start-up Vigilis a annoncé mardi une levée de fonds de 40 millions d’euros
            auprès de deux fonds européens de
            [capital-risque](https://fr.wikipedia.org/wiki/Capital-risque) et d’une banque
            publique. Fondée il y a quatre ans, elle compte déjà 2 300 entreprises clientes,
            pour la plupart des PME de moins de cinquante salariés.

            ## Les objets oubliés du réseau

            Son logiciel dresse l’inventaire de tout ce qui est branché au réseau d’une
            entreprise, y compris les appareils que personne ne surveille : imprimantes,
            caméras, routeurs, badgeuses. Il signale ensuite les mots de passe d’usine et les
            logiciels internes qui n’ont pas été mis à jour.

            [Une faille dans des routeurs Wi-Fi grand public permettait d’en prendre le
            contrôle](/articles/faille-routeurs-wifi-correctif/)

            ## Recruter avant tout

            L’essentiel des fonds servira à embaucher : 150 postes en trois ans, dont une
            moitié d’ingénieurs, détaille l’entreprise dans son
            [communiqué](https://vigilis.example.org/presse/levee-de-fonds). Comme tout le
            secteur, elle peine à trouver des profils qualifiés et forme elle-même une partie
            de ses recrues.
            """),
        pictures=(
            Picture(
                alt="Des analystes travaillent devant des écrans couverts de graphiques.",
                caption="Le centre de surveillance de Vigilis, où les alertes sont suivies.",
                credit="Vigilis",
                credit_url="https://vigilis.example.org/presse",
            ),
        ),
        sources=(
            (
                "story",
                "Vigilis, communiqué de presse",
                "https://vigilis.example.org/presse/levee-de-fonds",
            ),
        ),
    ),
)

# Publié, avec une date de publication dans trois jours : les lecteurs ne doivent pas le voir.
SCHEDULED_STORY = Story(
    slug="salon-pixel-est-zone-retro",
    title="Le salon Pixel Est ouvre ses portes avec une grande zone consacrée au rétro",
    standfirst="Trois cents bornes et consoles d’époque seront jouables pendant les trois jours.",
    section="jeux-video",
    authors=("lea-marchand",),
    tags=("retrogaming", "jeu-independant"),
    hours_ago=-72,
    body=_body("""
        Le salon du jeu vidéo Pixel Est ouvre ses portes ce vendredi avec, pour la première
        fois, un hall entier consacré au [retrogaming](https://fr.wikipedia.org/wiki/Retrogaming) :
        trois cents bornes d’arcade et consoles d’époque, prêtées par des collectionneurs.

        ## Les indépendants à l’honneur

        Une quarantaine de studios indépendants y présenteront aussi leurs jeux en cours de
        développement. Le [programme complet](https://pixel-est.example.org/programme) est en
        ligne.
        """),
    pictures=(
        Picture(
            alt="Des rangées de bornes d’arcade illuminées dans un hall sombre.",
            caption="La zone rétro pendant l’installation, la veille de l’ouverture.",
            credit="Pixel Est",
        ),
    ),
    sources=(("story", "Pixel Est, dossier de presse", "https://pixel-est.example.org/presse"),),
)

# Jamais publié : seule la rédaction le voit, en aperçu.
DRAFT_STORY = Story(
    slug="budget-numerique-region-ce-que-l-on-sait",
    title="Budget numérique de la région : ce que l’on sait avant le vote",
    standfirst="Le conseil régional votera un plan qui prévoit un centre de données public.",
    section="economie",
    authors=("thomas-girard",),
    tags=("reseaux",),
    hours_ago=None,
    body=_body("""
        Le conseil régional votera le mois prochain un budget numérique qui prévoit la
        construction d’un centre de données public. Ce brouillon rassemble ce que nous avons pu
        confirmer.

        ## Confirmé

        Le centre hébergerait les services des lycées et des hôpitaux de la région. Son coût
        n’a pas été rendu public.
        """),
    pictures=(
        Picture(
            alt="Des baies de serveurs alignées dans une salle éclairée en bleu.",
            caption="Une salle de serveurs comparable à celle que prévoit le projet.",
            credit="Rédaction",
        ),
    ),
    sources=(("story", "Ordre du jour du conseil régional", ""),),
)


# Articles synthétiques pour les mesures de performance -----------------------------------------

SYNTHETIC = Vocabulary(
    slug="article-de-demonstration-{n}",
    title="Article de démonstration {n}" + NBSP + ": {headline}",
    subjects=(
        "L’opérateur mobile",
        "Le fabricant de processeurs",
        "Une jeune pousse grenobloise",
        "Le régulateur des télécoms",
        "Un consortium de chercheurs",
        "Le studio indépendant",
        "La fondation du projet libre",
        "Le constructeur de consoles",
        "L’éditeur du navigateur",
        "Une équipe universitaire",
    ),
    verbs=(
        ("présente", "a présenté"),
        ("repousse", "a repoussé"),
        ("teste", "a testé"),
        ("abandonne", "a abandonné"),
        ("dévoile", "a dévoilé"),
        ("critique", "a critiqué"),
        ("soutient", "a soutenu"),
        ("publie", "a publié"),
    ),
    objects=(
        "un processeur basse consommation",
        "les résultats d’un essai de deux ans",
        "une mise à jour de sécurité majeure",
        "un service de stockage chiffré",
        "une batterie sans cobalt",
        "un moteur de jeu open source",
        "un forfait 5G sans engagement",
        "un outil de traduction hors ligne",
        "un casque de réalité mixte",
        "un programme de réparation des smartphones",
    ),
    tails=(
        "après des mois de rumeurs.",
        "malgré les critiques des utilisateurs.",
        "avant la fin de l’été.",
        "lors d’une conférence mardi.",
        "à l’issue d’une consultation publique.",
        "alors que le prix des composants grimpe.",
    ),
    details=(
        "Le calendrier précis sera communiqué dans les prochaines semaines.",
        "Plusieurs développeurs ont demandé la publication des documents techniques.",
        "Le déploiement complet prendrait deux ans s’il est confirmé.",
        "Les associations de consommateurs jugent l’annonce encore floue.",
        "Une porte-parole a promis de nouvelles précisions d’ici la fin du mois.",
        "Des projets comparables ont connu des fortunes diverses, selon plusieurs analystes.",
        "Le coût serait partagé entre les partenaires industriels et des fonds publics.",
        "Les utilisateurs peuvent donner leur avis en ligne jusqu’au mois prochain.",
    ),
    subheadings=(
        "Et maintenant" + NBSP + "?",
        "Les chiffres",
        "Réactions",
        "Contexte",
        "Questions en suspens",
    ),
    alts=(
        "Un circuit imprimé vert couvert de composants, vu de très près.",
        "Une salle de serveurs aux voyants bleus.",
        "Des visiteurs essaient des casques de réalité virtuelle sur un salon.",
        "Un ordinateur portable ouvert sur une table de café, du code à l’écran.",
        "Une antenne-relais de téléphonie au sommet d’un immeuble.",
        "Une manette de jeu posée devant un écran de télévision.",
    ),
    credits=("Rédaction", "Mathilde Perrin", "Julien Lefèvre", "Inès Caron", "Hugo Bernard"),
    caption="Illustration de l’article de démonstration {n}.",
    source_label="Source de démonstration",
    source_url="https://actu.example.org/{slug}",
    headline_lowercase=True,  # "Article de démonstration 13 : l’opérateur mobile présente…"
)

FRENCH = DemoData(
    sections=tuple((slug, name, _typeset(text)) for slug, name, text in SECTIONS),
    authors=tuple((slug, name, _typeset(bio), photo) for slug, name, bio, photo in AUTHORS),
    tags=TAGS,
    stories=tuple(_french(story) for story in STORIES),
    scheduled=_french(SCHEDULED_STORY),
    draft=_french(DRAFT_STORY),
    synthetic=SYNTHETIC,
)
