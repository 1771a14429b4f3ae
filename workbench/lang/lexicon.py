"""General English: function words and how common a word is, for telling terms from words.

Term extraction (:mod:`workbench.corpus.extract`) needs to know which words every
English text uses. Lists built into this module answer it; nothing is fetched:

- :data:`FUNCTION_WORDS`: articles, pronouns, prepositions, conjunctions,
  auxiliaries and the quantifiers and adverbs that never begin or end a term
  ("the workers", "strike committees of").
- Three bands of English words, base forms only. :func:`band` says 1 for
  the 2,467 most common (SCOWL size 10: the 1,000 most common words of Moby
  Words II and their kin), 2 for the next 3,849 (SCOWL size 20), 3 for a
  less common English word (SCOWL size 35, or a word built as English words
  are: a suffix such as -tion, -ism or -ing, a prefix such as un- or
  counter- on a known word, or two known words run together), and 0 for a
  word English does not have: a name, an acronym, a transliteration
  (toman, Bazaari). Inflected forms are looked up by their base (councils,
  striking, carried), so the lists stay small.

The bands come from SCOWL (Spell Checker Oriented Word Lists) 2020.12.07,
the ``english``, ``american`` and ``british`` word lists of sizes 10, 20
and 35: lower-case words without apostrophes, less every regular inflection
(-s, -es, -ies, -ed, -ing) whose base is in the same or a more common band,
and, for size 35, less the 8,349 words that English word-building already
recognises (4,483 words are left).

SCOWL's notice, which its licence asks to be kept with copies of the lists:
Copyright 2000-2011 by Kevin Atkinson. Permission to use, copy, modify,
distribute and sell these word lists, the associated scripts, the output
created from the scripts, and its documentation for any purpose is hereby
granted without fee, provided that the above copyright notice appears in all
copies and that both that copyright notice and this permission notice appear
in supporting documentation. Kevin Atkinson makes no representations about
the suitability of this array for any purpose. It is provided "as is"
without express or implied warranty. (Its size-10 list draws on Moby Words
II, which Grady Ward placed in the public domain.)

Limits: a band says how common a word is in general English, not in this
sense (a strike, to strike); words of other Englishes that SCOWL lacks count
as uncommon; a base form guessed from an inflection can be wrong (news ->
new), which only makes a word look more common than it is; and
word-building rules accept a few transliterations that happen to end like
English words.
"""

from __future__ import annotations

import functools

#: Words that never begin or end a term: they only ever join its words.
FUNCTION_WORDS = frozenset(
    """
    a an the this that these those such what which who whom whose whatever whichever whoever
    i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his
    himself she her hers herself it its itself they them their theirs themselves one ones
    oneself
    of in on at by for with without within from to into onto upon out off over under about
    above below across along among amongst around against before after behind beside besides
    between beyond during except inside outside since through throughout till until unto
    toward towards via per up down near like unlike despite amid regarding concerning
    including following according than versus
    and or nor but yet so if then else because although though unless whether while whereas
    once as both either neither also too not no yes
    be am is are was were been being have has had having do does did doing done will would
    shall should can cannot could may might must ought need dare let get got gets getting
    all any each every some many much more most few fewer less least several other others
    another same own only just even still already again ever never always often sometimes
    now here there where when why how very quite rather really almost enough far further
    however therefore thus hence indeed perhaps maybe instead meanwhile otherwise anyway
    somehow whereby wherein thereby herein etc
    last next first second third former latter new old certain various whole
    something anything nothing everything someone anyone everyone nobody somebody anybody
    everybody
    today yesterday tomorrow tonight ago
    """.split()
)

_BAND_1 = """
a ability able about above absence absolute absolutely abuse academic accept acceptable access
accessible accident accidental accidentally accord accordingly account accuracy accurate achieve
acquire across act action active activity actual actually add addition additional address
adequate adjust administration admit admittedly adopt advance advantage advertise advice advise
affair affect afford afraid after afternoon afterward again against age agency ago agree
agreement ahead aid aim air alarm album algorithm alias alive all allow almost alone along
already also alter alternate alternative alternatively although altogether always am ambiguous
among amongst amount amuse an analog analogue analysis ancient and angle angry animal announce
announcement annoy annual anonymous another answer any anybody anyone anyplace anything anyway
anywhere apart apologise apologize apology apparent apparently appeal appear appearance apple
application apply appreciate approach appropriate approval approve arbitrary are area argue
argument arise arithmetic arm army around arrange arrangement arrive art article artificial
artist aside ask asleep aspect assembler assembly assistant associate association assume
assumption assure at ate atmosphere attach attachés attack attempt attend attention attitude
attract attractive audience author authority automatic automatically automobile autumn available
average avoid awake award aware away awful awkward back background backwards bad badly balance
ball ban band bank bar base basic basically basis battery be bear beautiful became because
become been before beforehand began begin begun behalf behave behavior behaviour behind believe
belong below benefit besides best bet better between beyond bid big bigger biggest bill binary
bind biology bit bite bitten bizarre black blame blank block blow blue board boat body book boot
bore borne borrow both bother bottle bottom bought bound box boy bracket branch brand breach
break bridge brief briefly bright bring broadcast broke broken brother brought brown bucket
budget buffer bug build built bulk bulletin bury bus business busy but button buy by byte
calculate calculation call came campaign can candidate cannot capable capacity capital captain
car card cardboard care careful carefully carry case cassette cat catalog catalogue catch
category caught cause cease cell cent center central centre century certain certainly chain
chair chairman chance change channel chaos chapter char character charge cheap cheaper cheapest
check chemical cheque child children chip choice choose chose chosen church circle circuit
circulation circumstance citizen city claim clarify class clean clear clearer clearest clearly
clever clock close closely closer closest club clue code coffee cold collapse collect collection
college color colour column combination combine come command comment commercial commission
commitment committee common commonly communicate communication community company comparable
comparatively compare comparison compatibility compatible competition compiler complain
complaint complete completely complex complexity complicate component compose composition
comprehensive compromise compulsory compute computer concept concern conclusion concrete
condition conference confident confirm confuse confusion connect connection consequence
consequently consider considerable considerably consideration consist consistency consistent
constant constraint construct consumption contact contain content context continually
continuation continue continuous continuously contract contrary contrast contribute contribution
control convenient convention conventional conversation convert convince cope copy core corner
correct correction correctly corrupt cost could council count counter country county couple
course court cover crash crazy create creation creature credit crisis crisp critical criticism
cross cry cs culture cumming cums cup cure curious current currently cursor customer cut cycle
daily damage danger dangerous dare dark data database date datum day dead deal dealt dear death
debate decade decent decide decision declare decrease dedicate deduce deem deep deeply default
defence defense define definite definitely definition definitive degree delay delete deliberate
deliberately deliver delivery demand democratic demonstrate demonstration department depend
depth derive describe description design desirable desire desk desperate despite destroy detail
detect determine develop development device devote dictionary did die differ difference
different differently difficult difficulty digit digital dinner direct direction directly
director directory dirty disadvantage disagree disappear disaster disc discipline discount
discourage discover discuss discussion disk dislike display distance distant distinct
distinction distinctly distinguish distribute distribution district disturb ditto divide
division do document documentation doe dog dollar domain done door double doubt doubtful down
dozen drastic draw drawn dream drew drink drive driven driver drop drove dry dubious due dumb
dump during duty dying each earlier earliest early earth ease easier easiest easily east easy
eat eaten economic economy edge edit edition editor education educational effect effective
effectively efficient effort eight either elect election electric electronic element elevator
else elsewhere embarrass emergency emphasis employee empty enable encounter encourage end enemy
engineer enjoy enormous enough ensure enter entire entirely entitle entity entrance entry
environment equal equally equipment equivalent eraser err error escape especially essential
essentially establish establishment estimate even event eventually ever every everybody everyone
everything everywhere evidence exact exactly examine example excellent except exception excess
excessive exchange exclude exclusive excuse execute exercise exist existence expand expansion
expect expense expensive experience experiment experimental expert explain explanation explicit
express expression extend extension extensive extent external extra extract extreme extremely
eye face facility fact factor fail failure fair fairly faith fall fallen false familiar family
famous fan fancy far farm farther farthest fashion fast faster fastest fatal fate father fault
favor favorite favour favourite fear feasible feature fed federal feed feedback feel feet fell
felt few fewer fewest field fight figure file fill film final finally financial find fine finger
finish finite fire firm firmly first firstly fiscal fish fit five fix flag flash flat flavor
flavour flew flexible flight float floor flow flown fly folk follow food foot for force foreign
forever forget forgot forgotten form formal format former forth forthcoming fortunately fortune
forward found four fourth fraction frame free freedom freely french frequent frequently fresh
friend friendly from front fry full fully fun function fund fundamental fundamentally funny
further furthest future gain game gap garbage garden gas gasoline gather gave general generally
generate generation genuine get girl give given glad glass global go gone good got gotten
government governor gradually graduate grand grant graph graphic grateful grave gray great
greater greatest greatly green grew grey grind gross ground group grow grown growth guarantee
guard guess guide gun guy habit hack had hair half hall hand handle handy hang happen happily
happy hard harder hardest hardly hardware harm harmful harmless has hat hate have he head header
health healthy hear heard heart heat heavily heavy held hell hello help helpful hence her here
hereby herself hid hidden hide high higher highest highly hill him himself hint his historical
history hit hold hole holiday home honest hope hopefully horrible horse hospital host hot hotel
hour house how however huge human hundred hung hunt hurry husband ice idea ideal identical
identify identity if ignore ill illegal image imagination imagine immediate immediately impact
implement implication imply importance important importantly impose impossible impression
improve improvement in inability inadequate inch incident incidentally incline include income
incompatible incomplete inconsistent inconvenience incorrect increase indeed independent
independently index indicate indication individual individually industrial industry inevitably
inferior infinite influence info inform information initial initially inner innocent input
insert inside insist install instance instant instantly instead institution instruction
insurance integer integral intelligence intelligent intend intention interact interest interface
internal international interpret interpretation interval intervention into introduce
introduction invalid invariably invent investigate invisible invitation invite involve
irrelevant irritate is isolate issue it item itself job join joint joke joy judge judgement
judgment jump junk just justification justify keen keep kept key keyboard kid kill kind kindly
king knew knock know knowledge known label labor laboratory labour lack lady lain land language
large largely larger largest last late later latest latter law lay layout lazy leach lead leader
leaf learn learnt least leave lecture led left leg legal legally lend length less lesser lesson
let letter level liable library lie life lifetime lift light like likely likewise limit line
linear link list listen literally literature little live load loan local location lock log logic
logical long longer longest look loop loose lorry lose loss lost lot loudly love low lower
lowest luck lucky lunch lying machine mad made magic magnetic magnitude mail main mainly
maintain major majority make man manage manager manipulation manner manual many map march mark
market marriage marry mass massive master match material mathematical mathematics matter maximum
may maybe me mean meaningful meaningless meant measure mechanic mechanism media medical medium
meet member membership memory men mention mere merely merit mess message messy met metal method
middle midnight might mile military million mind mine minimal minimum minor minority minute
mislead misled miss mistake mistaken mistook misunderstand misunderstood misuse mix mod mode
model modern modify moment money monitor month moral more morning most mostly mother motion
mouth move movement movie much multiple music must my myself mysterious naive name namely nasty
nation national natural naturally nature naughty near nearby nearer nearest nearly necessarily
necessary necessity neck need negative neither nervous net network never nevertheless new next
nice nicer nicest night nine no nobody noise noisy none nonsense nor normal normally north not
note nothing notice notify novel now nowadays nowhere numb number numbest numerical numerous
obey object objection obscure observation observe obtain obvious obviously occasion occasional
occasionally occupy occur odd of off offer office officer official often oh oil old older oldest
omit on once one only onto open operate operation operator opinion opportunity oppose opposite
opposition option optional or order ordinary organisation organise organization organize origin
original originally other otherwise ought our ourselves out outer output outside over overall
owe own owner pack package packet page paid pain painful pair paper paragraph parallel parent
park part partial partially particular particularly partly party pass past patch path patient
pattern pause pay peace peak peculiar pen people per perfect perfectly perform performance
perhaps period permanent permanently permission permit person personal personally persuade
petrol phase phenomenon philosophy phone phrase physical pi pick picture piece pile pint pipe
place plain plan plane planet plant plastic play plea pleasant please plenty plot plug plus
pocket poem poet point pointless police policy political poll pool poor pop popular population
port position positive possibility possible possibly post postmaster potential potentially pound
power powerful practical practically practice practise precise precisely prefer preferable
preferably preference preparation prepare presence present preserve president press pressure
presumably presume pretty prevent previous previously price primary prime primitive principle
print printer printout prior private probably problem procedure process processor produce
product production professional program programme programmer progress project promise prompt
promptly prone proof proper properly property proportion proposal propose prospect protect
protection protest prove provide public publication publicity publicly publish pull punctuation
puncture purchase pure purely purpose push put putt qualify quality quantity quarter question
queue quick quicker quickest quickly quiet quietly quit quite quote race radio rain raise ran
random randomly range rapid rapidly rare rarely rate rather raw re reach react reaction read
readable reader readily ready real realise reality realize really reason reasonable reasonably
recall receive recent recently reception recognise recognition recognize recommend
recommendation record recover reduce reduction redundant refer reference reflect reflection
refuse regard regardless region register regret regular regularly regulation reject relate
relation relationship relative relatively release relevance relevant reliable religion religious
reluctant rely remain remark remember remind remote remotely removal remove repair repeat
repeatedly replace replacement reply report represent representation representative reproduce
request require requirement research reserve resident resolution resort resource respect
respectively respond response responsibility responsible rest restart restore restrict result
retain return reveal reverse review rewrite rid ride ridiculous right rise risk river road role
roll room root rough roughly round route routine row rubber rubbish rule rumor rumour run rush
sad sadly safe safely safer safest safety said saint sake saki sale same sample sat satisfy save
saw say scale scan scene scheme school science scientific score scrap scratch screen script
search season second secondary secondly secret secretary section secure security see seek seem
seen select selection self sell seminar send senior sense sensible sensibly sensitive sent
sentence separate separately sequence serial series serious seriously serve server service
session set settle seven several severe severely sex shall shame shape share sharp she sheet
shelf shell shift ship shoot shop short shortage shorter shortest shortly should show shown shut
side sight sign signal significance significant significantly silly similar similarly simple
simpler simplest simply simultaneous simultaneously since sincerely single sit site situation
six size skill sleep slight slightly slip slow slower slowest slowly small smaller smallest
smile smooth so social society soft software sold solely solid solution solve some somebody
somehow someone someplace something sometime somewhat somewhere son soon sooner soonest
sophisticate sorry sort sought sound source south southern space spare speak speaker special
specially specific specifically specify speech speed spell spelt spend spent spirit spite split
spoke spoken spot spread spring square stable staff stage stand standard start state statement
station statistic statistical status stay steal step stick still stock stone stood stop storage
store storey story straight straightforward strange strategy stream street strength strict
strictly strike string strong strongly struck structure stuck student study stuff stupid style
subject submit subsequent subset substantial substitute subtle succeed success successful
successfully such sudden suddenly suffer suffice sufficient sufficiently sugar suggest
suggestion suit suitable suitably sum summary summer sun superior supervisor supply support
suppose supposedly sure surely surface surprise survey survive suspect suspend suspicion switch
symbol syntax system table take taken talk tank tape target task taste taught tax tea teach
teacher team technical technique technology tedious teeth telephone television tell temperature
temporarily temporary ten tend tendency term terminal terminology terribly test text than thank
that the their them themselves then theoretical theory there thereby therefore these they thin
think third this thoroughly those though thought thousand threat three threw through throughout
throw thrown thus ticket tie tight till time tin title to today together token told tomorrow
tonight too took tooth top topic total totally touch toward town trace track traditional traffic
train transfer translate translation transport trap trash travel treat treatment tree trial
trick trip trivial trouble truck true truly trunk trust truth try tune turn twelve twenty twice
two tying type typical ugly ultimate ultimately unable unacceptable unaware uncertain unclear
under undergraduate underneath understand understood unfortunate unfortunately unhappy uniform
unique unit unite universal university unknown unless unlike unlikely unlimited unnecessarily
unnecessary unpleasant unreasonable unsuitable until unusual unwanted up update upon upper upset
upwards us usage use useful useless user usual usually utility utterly vacation vague vaguely
valid validity valuable value van variable variation variety various vary vast vastly vector
version very via vice video view virtually virtue visible vision visit vital voice volume vote
wait walk wall want war warm warn was wash waste watch water way we weapon wear weather week
weekend weight weird welcome well went were west western what whatever whatsoever wheel when
whenever where whereas whereby wherever whether which while whilst white who whoever whole whom
whose why wide widely wider widespread widest wife wild will win wind window wine winter wire
wise wish with withdraw within without woman women won wonder wonderful wooden word wore work
worker world worn worry worse worst worth worthwhile worthy would write writer written wrong
wrote year yellow yes yesterday yet you young your yourself zero"""

_BAND_2 = """
aardvark abandon abbreviate abbreviation abide abnormal abnormally abolish abolition abort
abortion abroad absent absorb abstract abstraction absurd abusive abysmal accelerate accent
acceptance accommodate accommodation accompany accomplish accordance accountant accumulate
accurately accusation accuse accustom ace achievement acid acknowledge acorn acoustic
acquaintance acquisition acronym activate actively actor acute adapt adaptation adapter adaptor
addict addictive additionally adequately adhere adjacent adjective adjustment administer
administrative admirable admiration admire admission adoption adult advantageous advent
adventure adventurous adverse adversely advert advertisement advisable adviser advisor advisory
advocate aerial aesthetic aesthetically affection aforementioned agenda agent aggressive agony
agricultural aircraft airport akin alas albeit alcohol alcoholic alert algebra algebraic alien
align alignment alike allegation allege allegedly allergic alleviate alliance allocate
allocation allowable allowance ally alongside aloud alpha alphabet alphabetic alphabetical
alteration amateur amaze amazingly ambassador amber ambient ambiguity ambitious amend amendment
amp ample amplifier amusement anagram analogous analogy analyse analyst analyze anarchy anatomy
ancestor anecdote angel anger anguish anniversary annoyance annually anomaly anorak anthology
anticipate anticipation antidote antique antisocial anxious anyhow apathetic apathy apostrophe
appal appall appallingly apparatus append appendix applause applicable applicant appoint
appointment appraisal appreciation appropriately approximate approximately approximation apt
arbitrarily arc arcade arcane arch archaic architecture archive arena arguable arguably arisen
arose array arrest arrival arrogance arrogant arrow arse artificially artistic ascend ash
ashamed ashcan assault assemble assert assertion assess assessment asset assign assignment
assist assistance assort asterisk astronomer astronomy asynchronous atheism atheist atlas
atmospheric atom atomic atrocity attachment attain attendance attendant attorney attraction
attribute audible audio aunt authentic authorisation authorise authorization authorize
autobiography automate availability await awareness awfully ax axe axiom axis baby backbone
backlog backspace backward bacteria bacterium badge baffle bag baggage bake ballet ballot banal
banana bandwagon bandwidth bang bankrupt banner bare barely bargain bark baroque barrel barrier
barrister basement bash basket bass bastard bat batch bath bathroom battle baud bay beach beam
bean beard beast beat beaten beautifully beauty bedroom beef beer beg beginner belief believable
believer bell beloved belt bench bend beneath beneficial bent beside beta beware bias bible
biblical bicycle bigot bigotry billfold billion bin biochemistry biography biological biologist
bird birth birthday biscuit bishop bitmap bitter blackboard blackmail blade blanket blast
blatant blatantly bless blew blind blindly blink bliss blob blood bloody blown blurb bob bog
boggle bogus boil bold bolt bomb bond bone bonus booklet bookshop bookstore boom boost border
borderline boredom born boss bounce boundary bout bow bowl brain brake brass brave bread
breakdown breakfast breath breathe bred breed breeze brethren brick brigade brighter brightest
brightly brightness brilliant brilliantly broad broadly browse brush brutal bubble buck bugger
bulb bull bullet bump bunch bundle burden bureaucracy burn burnt burst bush bust butter buyer
bye bypass cabbage cabinet cable caffeine café cage cake calculator calculus calendar caller
calm cam camera camp campus cancel cancer canonical cant cap capability capitalism capitalist
capture carbon career careless carpet carriage carrier carrot cartoon cartridge cash cast castle
casual catastrophic categorically cater cathedral catholic cattle causal causality caution cave
caveat ceiling celebrate celebration cellular censor censorship centrally ceremony certainty
certificate chalk challenge chamber champagne champion chancellor changeover chaotic chap chapel
characteristic charitable charity charm chart charter chase chat cheaply cheat checker cheek
cheer cheerful cheese chemist chemistry chequer chess chest chestnut chew chicken chief
childhood childish chocolate choir chop choral chord chorus chuck chunk cider cigarette cinema
circa circuitry circular circulate cite civil civilian civilisation civilise civilization
civilize clarification clarity clash classic classical classification classify clause cleaner
cleanest cleanly clearance cleverer cleverest cliché click client cliff climate climb clinic
clinical clip clique clog clone closet closure cloth clothe cloud clumsy cluster coach coal
coarse coast coat cobbler coherent coin coincide coincidence coke collaboration collar collate
colleague collective colon colony combat comedy comfort comfortable comfortably comic comma
commandment commence commentary commentator commercially commit commodity communal communism
communist compact companion comparative compassion compel compensate compensation compete
competence competent competitive competitor compilation compile complacent complement
complementary completeness completion complication compliment comply composer composite compound
comprehend comprehensible comprehension compress compression comprise compulsion computation
computational computerise computerize con concatenate conceal concede conceivable conceivably
conceive concentrate concentration conception conceptual concert concerto concise conclude
concur concurrently condemn condemnation condense conditional condom condone conduct conductor
confess confidence confidential confidentiality configuration configure confine confirmation
conflict conform confront congest congestion congratulate congratulations conjecture conjunction
connector connotation conscience conscious consciously consciousness consecutive consensus
consent consequent conservation conservative considerate consistently consolation console
conspicuous conspiracy constantly constituency constituent constitute constitution
constitutional constrain construction constructive consult consultancy consultant consultation
consume consumer container contemplate contemporary contempt contend contention contentious
contest continent continental continual continuity continuum contour contraception contradict
contradiction contradictory contravention contributor contrive controller controversial
controversy convenience conveniently converse conversely conversion converter convey convict
conviction convincingly cook cookie cool cooperate cooperation coordinate coordination copper
copyright corn corporate corporation corpse correlate correlation correspond correspondence
correspondent corridor corruption cosmic cosmology costly cosy cotton cough counsel
counterexample counterpart countless countryside courage courier courtesy cousin coverage cow
cozy crack craft cramp crap crass crawl cream creative creator credibility credible creed creep
crew cricket crime criminal criteria criterion critic criticise criticize crop crossroad
crossword crowd crown crucial crude cruel cruelty cruise crunch crush cryptic crystal cube cubic
cuckoo cuddly cue culprit cult cultural cumbersome cumulative cunning cupboard curiosity
curiously curly currency curriculum curry curse curtain curve custard custom customary cute
cyclist cylinder cynic cynical daft damn damnation damp dance dangerously darkness darling dash
daughter dawn daylight daytime deadline deadly deaf dealer debatable debt debug debugger decay
decimal deck declaration decline decode deduction deed deeper deepest defeat defect defective
defend defensive deficiency defy degenerate degradation degrade deity deletion delicate
delicious delight delightful delimiters delta delusion demented demise democracy democratically
demolish denominator denote dense density dentist deny departmental departure dependant
dependence dependent deposit depress depression deprive deputy derange derivative derogatory
descend descriptive desert deserve designate designer desktop despair desperately despise
destination destine destruction destructive detach detectable detection detective detector deter
determination deterrent detract devastate developer deviation devil devious devise devoid
diagnosis diagnostic diagonal diagram dial dialect dialog dialogue diameter diary dice dictate
dictator dictatorship diesel diet differential differentiate dig digest dignity dilemma dim
dimension dimensional dine diner dip diplomatic dire directive dirt disable disagreement
disappoint disappointment disastrous discard discharge disciplinary disclaimer disco disconnect
discontinue discovery discrepancy discrete discretion discriminate discrimination disease
disguise disgust dish dishonest dismal dismiss disorder disposable disposal dispose disposition
dispute disregard disrupt disruption dissertation dissimilar distasteful distinctive distort
distortion distract distress disturbance ditch dive diverse diversity divert divine divorce
doctor doctrine documentary dodge dogma dole domestic dominant dominate don donate donation doom
dose dot doubtless downhill downright downstairs downwards draft drag dragon drain drama
dramatic dramatically drank drastically draught drawback dread dreadful dreamt dreary dress
drift drill drip drivel drown drug drum drunk drunken dual duck duff dug dull duly dummy
dumpster duplicate duplication duration dust dustbin dusty dynamic dynamically eager eagerly
eagle ear earn eastern eater eccentric echo ecological ecology economical economically editorial
educate effectiveness efficiency efficiently egg ego eh eighteen eighth elaborate elderly
electoral electorate electrical electricity electron electronically elegant elementary elephant
eleven eligible eliminate elite elitist em embarrassment embed emerge eminent eminently emit
emotion emotional emotionally emphasise emphasize empire empirical employ employer employment
emulate emulation emulator enclose encode encouragement endeavor endeavour endless endlessly
energy enforce engage engine enhance enhancement enjoyable enjoyment enlarge enlighten
enlightenment enormously enquire enquiry entail enterprise entertain entertainment enthusiasm
enthusiastic entirety envelope environmental envisage envy epic episode equality equate equation
equilibrium equip era erase ergo erroneous esoteric essay essence estate estimation eternal
eternity ethic ethical ethnic etymology evaluate evaluation evenly eventual everyday evident
evidently evil evolution evolutionary evolve exaggerate exam examination examiner exceed
exceedingly exceptional exceptionally excessively excite excitement exclamation exclusion
exclusively executable execution executive exempt exhaust exhaustive exhibit exhibition exit
exotic expectation expedition expenditure experimentally experimentation expertise expire expiry
explanatory explicitly explode exploit exploitation exploration explore explosion explosive
exponential export expose exposure expressway extant extensively externally extinction
extraction extraneous extraordinarily extraordinary extremist eyesight fabric facilitate factory
factual factually faculty faint fainter faintest fairer fairest fairness fairy faithful fake
fallacious fallacy fame familiarity famine fantastic fantasy farce fare farewell farmer
fascinate fascist fashionable fat fatuous faucet faulty favorable favourable feasibility feat
fee feeble fellow female feminist fence fender festival fetch fever fiber fibre fiction
fictional fiddle fierce fifteen fifth fifty fighter filter filthy finalise finalize finance
financially finer finest firework fiver fizzy flame flaw fleet flesh flexibility flip flood
floppy flour flower fluctuation fluent fluffy fluid flush flute foam focus fog fold folder
follower fond font fool foolish football footnote forbade forbid forbidden forcibly forecast
foreigner foreseeable forest forgave forgive forgiven fork formally formation formerly formula
formulae formulation fortnight fortunate forty forum fossil fought foul foundation fountain
fourteen fragile fragment framework frank frankly frantic fraud freak freeway freeze frequency
friction friendship frighten fringe frivolous frog frown froze frozen fruit frustrate
frustration fudge fuel fulfil fulfill fuller fullest fume functional functionality
fundamentalist funeral funnier funniest fur furniture furry furthermore fuse fusion fuss fussy
futile fuzzy galactic galaxy gang garage garble gasp gate gateway gay gear gender gene
generalisation generalise generalization generalize generator generic generous genetic
genetically genius genocide genre gentle gentleman gentlemen gently genuinely geographical
geography geology geometry gesture ghastly ghost giant gibberish gift gig gin girlfriend gladly
glance glean globally glorious glory glossy glove glow glue gnome goal goat god gold golden
goldfish golf goodbye goodness goody gorgeous gospel gossip govern gown grab grace grade gradual
graduation graffiti graffito grain grammar grammatical grandfather grandmother graphical grasp
grass gratefully gratuitous gratuitously gravitational gravity greasy greed greedy grid grief
grim grip groan grossly guest guidance guideline guilt guilty guinea guitar gulf gullible gum
gut gutter ha hacker hail haircut hairy halt halve ham hammer handbook handful handicap handler
hangover happier happiest happiness hardback harden hardship hardy harmony harsh hash hassle
hasten hasty hatred havoc hay hazard hazy headache headline heap heartily heaven heavier
heaviest heel height helicopter helmet helpless henceforth herd heresy heritage hero heroic
heroin hesitate heterosexual hexadecimal hey hideous hideously hierarchical hierarchy highlight
highway hilarious hindsight hip hire historian historic historically hitherto ho hobby hog
holder hollow holy homosexual homosexuality honestly honesty honey honor honorary honour hook
hopeful hopeless hopelessly horde horizon horizontal horizontally horn horrendous horrendously
horribly horrid horrific horrify horror hostile household hugely huh hum humane humanity humble
humbly humor humorous humour hungry hurt hut hydrogen hyphen hypocrisy hypocrite hypocritical
hypothesis hypothetical hysterical icon id idealistic ideally identically identification
identifier ideological ideology idiom idiosyncratic idiot idiotic idle ignorance ignorant
illegally illiterate illness illogical illusion illustrate illustration imaginary imaginative
imbalance immature immense immensely imminent immoral immortal immune impair impend imperative
imperfect imperial impersonal implausible implementation implicit implicitly import impractical
impress impressive imprison improbable impulse inaccessible inaccuracy inaccurate inadvertently
inane inappropriate incapable incarnation incentive incidence incidental inclination inclusion
inclusive incoherent incompetence incompetent incomprehensible inconsistency inconvenient
incorporate incorrectly increasingly incredible incredibly increment incur indefensible
indefinite indefinitely indent independence indeterminate indicative indicator indictment
indirect indirection indirectly indistinguishable induce induction indulge ineffective
inefficiency inefficient inequality inertia inevitable inexperienced infallible infamous infant
infantile infect infection infelicity infer inference inferiority infinitely infinity inflation
inflexible inflict influential informal informally informative infrastructure infrequent
infringement ingenious ingredient inhabit inhabitant inherent inherently inherit inheritance
inhibit inhibition initialisation initialise initialization initialize initiate initiative
inject injure injury injustice ink innocence innovation innovative inquire inquiry insane insect
insecure insensitive insertion insidious insight insignificant insistence insofar inspect
inspection inspiration inspire installation instinct institute instruct instrument instrumental
insufficient insult intact intake integrate integration integrity intellect intellectual intense
intensely intensity intensive intent intentional intentionally inter interaction interactive
interactively intercourse interestingly interfere interference interim interior intermediate
intermittent internally interpreter interrogate interrupt interruption intersection intervene
interview intimate intolerance intrinsic intrinsically introductory intuitive invade invalidate
invaluable invasion invention inventor inverse invert invest investigation investment invoke
involvement ion irate iron ironic irony irrational irrespective irresponsible irritation island
isolation jack jacket jail jam jargon jazz jealous jeans jelly jerk jest jet jointly jolly
journal journalist journey juice junction jungle junior jury justice justifiable justifiably
juvenile keeper ken kernel kettle keystroke keyword kick kidnap kidney killer kindness kingdom
kiss kit kitchen knee knife knight lab lad ladder lag lager laid lake lamp landlord landscape
lane lark laser lately laugh laughter launch lavatory lawn lawyer layer laziness leadership
leaflet league leak lean leap leather lecturer legend legendary legible legislation legitimate
legitimately leisure lemon lengthy lenient lens lent lesbian lest lethal liability liaison libel
liberal liberty librarian licence license lid lifestyle lighter lightest lightly lightning
likelihood limb limitation linguistic linkage lion lip liquid liquor lisp listener lit liter
literal literary literate litre litter lively liver livest loader lobby locally locate lodge
logically logo lonely loophole loosely lord loud louder loudest lousy lovely lover loyal luckily
ludicrous ludicrously luggage lump lunatic lunchtime lung lurk lust luxury lyric machinery
madness magazine magical magnificent mailbox mainframe mainstream maintenance maize maker male
malfunction malicious management mandate mandatory mangle mania manifestation manifestly
manifesto manipulate mankind manpower manually manufacture manufacturer margin marginal
marginally marital marker marvellous marvelous mask massively mate mathematically mathematician
matrices matrix mature maximise maximize mayor maze meal meantime meanwhile measurement meat
mechanical medicine medieval megabyte melody melt memorable mend mental mentality mentally menu
mercury mercy merge merry metaphor meter metre metric metro mice microcomputer microprocessor
microwave midday mighty migrate migration mild mildly mileage milk mill mimic mindless
minimalist minimise minimize minister mint minus miracle miraculous mirror miscellaneous
misdirect miserable miserably misery misfortune misguide misinterpret misplace misprint misread
misrepresent missile mission mist mistakenly mixture mnemonic moan mob mobile mock moderate
moderately moderation modest modification module mold mole molecular molecule mom momentarily
momentum monarch monkey monochrome monopoly monster monthly mood moon morality morally moreover
moron mortal mortality motivate motivation motive motor motorway motto mould mount mountain
mouse muck mud muddle mug multiplication multiply mum mumble mummy mundane murder murderer
muscle museum musical musician mutter mutual mutually mysteriously mystery mystic myth mythical
mythology nail naked nameless narrative narrow narrower narrowest nastier nastiest nationally
native nay neat neatly needle needlessly negate neglect negligible negotiable negotiate
negotiation neighbor neighborhood neighbour neighbourhood nerve nest neural neutral newcomer
newer newest newly newsletter newspaper nicely nick nickname nightmare nil noble node nominal
nominally nominate nonetheless noon norm normality northern nose nostalgia notable notably
notation noticeable noticeably notification notion notorious notwithstanding noun novelty novice
nuclear nuisance null numeral numeric nun nurse nut oar objectionable objective obligation
obligatory oblige obnoxious obscene obscurity observer obsess obsession obsolete obstruct
obtainable occupation occurrence ocean oddly offence offend offender offense offensive offhand
officially offset offspring omission oneself ongoing onion onus onwards openly opera operational
opponent oppress oppression opt optic optical optimal optimisation optimise optimistic
optimization optimize optimum optionally opus oral orange orbit orbital orchestra orchestral
organ organic organiser organizer orient oriental orientate orientation originate originator
orthodox outcome outcry outdated outgoing outline outlook outrage outrageous outright outset
outstanding outweigh overcame overcome overdraft overdue overflow overhead overlap overload
overlong overlook overly overnight overprice overridden override overrode overseas overtime
overtone overview overwhelm overwriting overwritten ownership oxygen ozone pace pacifier pad
painfully painless paint palace pale pan panel panic pant paperback par parade paradise paradox
parameter paranoia paranoid paraphrase pardon parentheses parenthesis parity parliament
parochial parody parrot parse participant participate particle partition partner passage
passenger passion passionate passive passport password paste pat patent pathetic patience
patronise patronize pavement payment peaceful peanut peasant pedal pedant pedantic pedantry
pedestrian peer penalty pence pencil pended pending pends penguin penny perceive percent
percentage perception perfection periodic periodically peripheral permissible perpetual
persecute persist persistent personality personnel perspective persuasion perverse pet petty
pharmacy phenomena philosopher philosophical phoenix photo photocopy photograph photographic
physic physically physicist physiology piano pie pig pigeon pill pilot pin pinch pink pipeline
pit pitch pitfall pity pizza plague plainly planetary plaster plate platform plausible player
playground pleasantly pleasure plotter ploy plural poetic poetry pointer poison poke polar pole
policeman polish polite politeness politically politician politics pollution polynomial pompous
poorer poorest poorly pope populace popularity populate pork pornography portability portable
porter portion portray pose positively possess possession postage postal postcard poster
postpone postscript postulate pot potato pour poverty powder practicable pragmatic praise pray
prayer preach precaution precede precedence precedent precious precision predecessor predict
predictable prediction predominantly preface prefix pregnancy pregnant prejudice preliminary
premature prematurely premise premium prerequisite prescribe prescription presentation presently
pretend pretentious prevail prevalent prevention preview previewer pride priest primarily prince
principal principally priority prise prison prisoner privacy privately privatisation
privatization privilege prize pro probability probable proceed proclaim producer productive
productivity profession professor profile profit profitable profound programmable prohibit
projection proliferation prolong prominent promote promotion pronoun pronounce pronunciation
propaganda prophet proportional proposition proprietary prose prosecute prosecution prospective
prostitute protein protocol prototype proud proven provision provisional provocative provoke
proximity pseudo psychological psychologist psychology pub publicise publicize publisher pudding
pulp pulse pump pun punch punish punishment punt pupil purge purity purple pursue pursuit puzzle
python qualification qualifier quantum queen query quest questionable questionnaire quibble
quieter quietest quiz quota quotation rabbit rabid racial racism racist rack racket radar
radiation radical radically radius rag rage raid rail railroad railway rainbow ram rampant rang
rank rant rape rarer rarest rash rat ratio rational rationale rationally rattle rave ray razor
reactionary reactor readership realisation realistic realization realm rear rearrange reassure
rebuild rebuilt receipt receiver recipe recipient reckless reckon reclaim recognisable
recognizable recollection reconcile reconsider recorder recovery recreational recruit
recruitment rectangle rectangular rectify recursion recursive recycle redefine redirect
redundancy referendum refine reflex reform reformat refrain refresh refund refusal refute regain
regime regional registration regrettably reign reinstate reiterate rejection relativity relax
relay reliability reliably relief relieve relocation reluctance reluctantly remainder remarkable
remarkably remedy reminder reminiscent rename rend render rendition renew rent repeatable repent
repertoire repetition repetitive rephrase reporter reproduction repulsive reputation requisite
reread rescue researcher resemblance resemble resent reservation reset reside residence resign
resignation resist resistance resolve respectable respective restaurant restrain restriction
restrictive resume resurrection retail retire retirement retract retrieval retrieve reuse
revelation revenge revenue revert revise revision revolt revolution revolutionary reward
rewritten rewrote rhetorical rhyme rhythm ribbon rice rich richer richest ridden ridiculously
rightly rigid rigorous riot rip risen risky ritual rival robot robust rock rocket rod rode roman
romance romantic roof rope rose rot rotate rotation rotten roundabout rout routinely royal
royalties rub rude ruin ruler rung rural rusty sabotage sack sacred sacrifice sadden safeguard
saga sail salary salesman salt salvation sand sandwich sane sang sanity sank sarcasm sarcastic
satellite satire satisfaction satisfactorily satisfactory sauce scandal scanner scarce scarcely
scare scarf scarlet scatter scenario scenery sceptical schedule scheduler scholar scientifically
scientist scope scotch scream screw scroll scum sea seal seat secretly sect sector secular
seemingly segment seldom selective selectively selfish semantic sender sensation sensitivity
sentient sentiment sentimental separation separator sequel sequential seriousness sermon servant
seventh severity sexist sexual sexuality sexually sexy shade shadow shake shaken shaky shallow
shareholder sharply sheep sheer shelter shelve shine shiny shirt shock shoe shone shook shorten
shorthand shot shoulder shout shove shower shutdown shy sic sick sicken sideways sigh sigma
signature silence silent silicon sillier silliest silver similarity simplicity simplify
simplistic simulate simulation sin sincere sine sinful sing singer singular singularly sinister
sink sir sister situate sixteen sixth sixty skeleton skeptical sketch skin skip skirt skull sky
slag slang slash slave slept slice slid slide slighter slightest slim slippery slogan slope
sloppy slot smallish smart smash smell smelly smith smoke smoker smoothly smug snack snag snail
sneak sneaky sniff snobbery snow soap sober socialism socialist socially sock socket sod soil
solar soldier sole solicitor solo song sordid sore soul soundtrack soup span spatial specialise
specialist speciality specialize specialty species specification specimen spectacular spectrum
speculate speculation sped sphere spigot spike spill spin spiral spiritual spit splendid spoil
spoilt spokesman sponsor spontaneous spontaneously spoof spool sport spout sprang spray sprung
spur spurious spy squad squash squeeze stability stack stagger stair staircase stake stale stall
stamp stance standardise standardize standpoint star stare stark starter startle starve static
stationary steadily steady steam steel steep steer stem stereo stereotype sterile sterling
sticky stiff stimulate stimulation stir stole stolen stomach storm strain strangely stranger
strangest strategic straw stray strengthen stress stretch stringent strip strive stroke stronger
strongest structural struggle studio stumble stun stunt stupidity subjective submission
subroutine subscribe subscription subsequently subsidiary subsidise subsidize substance
substantially substitution subtlety subtly subway succession successive successor sue sufferer
suffix suicidal suicide suitability suite summarise summarize sundry sung sunk sunlight sunny
sunrise sunshine super superb superficial superficially superfluous superiority supermarket
supernatural supervise supervision supplement supplementary supplier supporter suppress
suppression supreme surgery surname surplus surprisingly surround survival susceptible
suspension suspicious suspiciously sustain swallow swam swamp swap swear sweat sweep sweet swept
swim swing sword swore sworn swum symbolic symmetric symmetry sympathetic sympathise sympathize
sympathy symphony symptom syndicate syndrome synonym synonymous syntactic syntactically
synthesis synthesizer systematic tab tack tackle tactic tactical tactless tag tail tailor taker
tale talent tall tame tangent tap tasteless taxation taxi taxpayer teapot tear technically
technological teenage teenager telescope temper temple tempt temptation tender tennis tense
tension tentative tentatively tenth terminally terminate termination terminator terrible terrify
territory terror terrorism terrorist terse textbook textual thankful thankfully theater theatre
thee theft theme theological theology theorem theoretically therapy thereabouts thereafter
therein thereof thesis thick thickness thief thieve thirst thirty thorough thoroughfare thou
thread threaten threshold throat throughput thrust thumb thy tick tidy tiger tightly tile timer
timescale timetable tiny tip tire tiresome toad toast tobacco toe toggle toilet tolerance
tolerant tolerate toll tomato tome ton tone tongue tool topical tore torn torture toss tough
tour tourist tower toy trade tradition traditionally tragedy tragic trail transaction transcript
transform transformation transient transit transition translator transmission transmit
transmitter transparent trashcan tray tread treasure treaty trek tremendous tremendously trend
trendy triangle tribe tricky trifle trigger trilogy trinity triple tripos triumph trivia
trivially trolley troop trouser trumpet truncate trusty tube tunnel turntable tutor tutorial
twentieth twin twist typeset typewriter typically tyre ugh umbrella unaffected unambiguous
unattended unauthorised unauthorized unavailable unavoidable unbalanced unbearable unbelievable
unbelievably unbiased uncertainty unchanged uncle uncomfortable uncommon unconnected unconscious
unconvincing undefined underestimate undergo undergone underground underlain underlay underlie
underline underlying understandable undertake undertaken undertook underwent undesirable undid
undo undocumented undone undoubtedly unduly uneasy unemployed unemployment unexpected
unexpectedly unexplained unfair unfamiliar unfinished unfounded unfriendly unhealthy unhelpful
uniformly unify unimportant uninteresting union uniquely unity universally universe unjustified
unload unlock unlucky unnatural unobtainable unofficial unpopular unpredictable unread
unreadable unrealistic unrelated unreliable unsafe unsatisfactory unseen unset unsolicited
unsound unspecified unstable unsuccessful unsupported unsure unsuspecting untidy unto untrue
unusable unused unusually unwelcome unwilling unwise unworkable upbringing upgrade upright
upside upstairs upward urban urge urgency urgent urgently usable usefully usefulness utter
vacancy vacuum vain valley valve vandalism vanish variance variant vat vegetable vegetarian
vehicle vein velocity vend vendor venture venue verb verbal verbally verbatim verbose verdict
verification verify versatile verse versus vertical vertically vessel vet viable vicar vicinity
vicious victim victory viewer viewpoint vigorously vile village vintage vinyl violate violation
violence violent violently violin virgin virtual virus visitor visual visually vocabulary vocal
void voltage voluntarily voluntary volunteer vomit voter vouch vowel vulnerable wade waffle wage
wake wallet wander ward warehouse warp warrant warranty wartime wary wasteful wave weak weakness
wealth wealthy weary weasel wee weekday weekly weigh welfare wet whale whence whereupon
whichever whim whiskey whisky whistle wholeheartedly wholly whoop wicked width wildly willingly
winner wipe wisdom wiser wisest wit witch withdrawal withdrawn withdrew witness witty wive
wizard woke woken wolf wombat wonderfully wondrous wont wood workable workload workshop
workstation worldwide worm worship worthless wound wow wrap wrapper wrath wreck wrecker wren
wretched wrist wrongly yard yawn yearly yeti yield younger youngest yourselves youth zone zoom
"""


_BAND_3 = """
aback abacus abbey abbot abdomen abduct abet abject ablaze aboard abode aborigine abound abreast
abridge abrupt abscess abscond absolve abstain abstruse abyss academy accede acclaim accolade
accomplice accost accredit accrue ache acne acquaint acquiesce acquit acre acrid acrimony
acrobat actress acumen ad addendum adept adjoin adjourn adjunct admonish ado adobe adore adorn
adrift adroit adverb aeon aeroplane aerosol aerospace afar affidavit affirm affix afflict
affront afield aflame afloat afoot aforesaid afresh aftermath aghast agile aglow aground ah ahoy
aide ail airy aisle ajar albino alcove ale alga algae alibi alight alimony alkali alkaline allay
allergy alley allot alloy allude almanac almighty almond alms aloft aloof altar alto aluminium
aluminum amass amateurish amble ambush amen amethyst amid amidst amiss ammonia amnesia amnesty
amoeba amoebae amok ampere ampersand amphetamine amphitheatre amulet anaemia anaesthesia
anathema ancestry anchovy android anemia anesthesia anew angst angular ankle annex annul anoint
anon antelope antenna antennae anthem anthill anthrax anticlimax antipathy antonym anus anvil
anxiety aorta apartheid ape apex apiece aplomb apostle apparel appease appendicitis appetite
applaud apposite apprehend apprentice apricot apron aquamarine aquarium aqueduct arbour
archipelago architect ardour aria arid ark armadillo armistice armoury aroma arouse arraign
arrears arson artefact arthritis artichoke artifact artifice artisan artistry asbestos ascertain
ascribe ashen ashore askew asparagus aspen asphalt aspire aspirin assail assassin asteroid
asthma astonish astound astray astride astronaut astute asylum asymmetry athlete atone attaché
attire auburn audit auditorium august aura austere auto autograph autonomy autopsy avail
avalanche avarice avenge avenue averse avert avid avocado avow awaken awe awesome awhile awoke
awoken awry axle aye azalea babble babe baboon babyish backgammon backlash bacon bade badminton
bagel baggy bail bait balcony bald bale balk ballad ballast ballerina balloon balm balmy baloney
bamboo bamboozle bandanna bandit bandy bani banish banjo bankruptcy banquet barb barbecue bard
barge baritone barley barn barnacle barnyard baron barren barricade basil basin bask bassoon
baste bathe bathtub baton battalion baulk bawdy bawl bayonet bayou bazaar beacon bead beady
beagle beak beckon bedlam beech beefy beeswax beet beetle beeves befall befallen befell befit
befriend beggar begrudge beguile behalves behead beheld behold beige belabour belch belfry belie
belittle bellhop bellow bemoan bemuse benign bequeath bereave bereft beret berry berserk berth
beseech beset besiege bestow betcha bewitch bib bidden bide bigamy bike bikini bile billiards
billow bingo bipartisan biplane birch bisect bison bitch blab blackberry blacken blanch
blancmange bland blare blaspheme blasphemy blasé blaze bleach bleak bleat blemish blend blight
blimp blip blithe blitz blizzard bloc blockade blog blond blonde bloodhound bloodthirsty bloom
blossom blot blotch blouse blowtorch bludgeon blueberry bluff blunt blur blurt blush boa boar
boast bode bodice bologna bombard bonfire bonnet bony boo booby boomerang boon boorish booth
booty booze bop borough bosom bossy botany botch bough boulevard bounty bouquet bourbon
bourgeois bourgeoisie bovine bowel boycott boyish bra brace bracelet brackish brag braggart
braid brainy bran brandish brandy brash brassiere brassy brat bravado bravo brawl brawn brawny
bray brazen breadth breast breezy brew bribe bride bridegroom bridesmaid bridle brighten brim
brimstone brine brink briny brisk bristle britches brittle broach broaden brocade broccoli broil
bronchitis bronco bronze brooch brood brook broom broth brow browbeat browbeaten brownie brunch
brunt brusque brute brutish buckle bud buddy budge buff buffalo buffet buffoon buggy bugle bulge
bulky bulldoze bum bumpy bun bung bungalow bungle bunion bunk bunny buoy burble bureau burglar
burgle burlap burnish burp burr burro burrow bursar bushel bushy bustle butt butte buttock
buttress buxom buzz buzzard bygone byway cab cabaret cabin caboose cacao cache cackle cacti
cactus cad caddie cadet cafeteria cagey cajole calcium calculi calf calibre calico calk callow
callus calorie calve camaraderie camel cameo candidacy candle candlestick candour candy cane
canine cannon canny canoe canon canopy cantaloupe canteen canvas canyon cape capsule caramel
carat caravan carcass cardiac cardigan cargo caribou carnivore carol carouse carp carpentry
carrion cart cartel cartwheel carve cascade cashew casino cask casket casserole caste casualty
cataclysm catapult cataract catastrophe catchy caterpillar catnap catnip caucus caulk cavalry
cavern caviar cavort caw cedar cede celibacy cellar cello cellophane cellulose census centimetre
centipede centrifuge chafe chaff chagrin chalet chalice chalky chameleon champ chaperon
chaperone chariot charisma charlatan chasm chassis chaste chasten chatterbox chatty chauffeur
cheapen checkup cheep cheetah chef cherish cherry cherub cherubim chewy chi chick chide
chieftain chili chill chilli chime chimney chimp chin china chink chintz chipmunk chirp chisel
chivalry chlorine chloroform chlorophyll choke cholera cholesterol choosy choppy chore chortle
chow christen chrome chromium chromosome chronicle chrysanthemum chubby chuckle chug chum chummy
chunky churn chute cigar cinch cinnamon circumflex circus cistern citrus clack clad clam clammy
clamour clamp clan clandestine clang clank clap claptrap claret clarinet clasp classy
claustrophobia claw clay cleanse cleat cleave clef cleft clench clergy clergyman clergymen clerk
clientèle climax clime clinch clink clitoris cloak clod clot cloudy clout clove cloven clown
cluck clump clung clutch coalesce coarsen coax cob cobalt cobble cobra cobweb cocaine cock
cockpit cockroach cocktail cocky cocoa coconut cocoon cod coerce coercion coffin cog cognac coil
collide collie colonel colt coma comb commando commend commerce commodore commune communion
commute compass compatriot compost comrade conceit concoct concord condominium cone confederacy
confetti confide congress congressman congressmen congresswoman congresswomen connoisseur
consommé consortium conspire consul consular contagion contort contraband contravene contrite
convalesce convene converge convex convoy convulse coo coop cop cord cordon corduroy cork
corkscrew cornea cornet cornflakes cornstarch corny corps corpus corpuscle corrode corset cortex
cosmonaut cosmopolitan cosmos costume cot couch cougar counterfeit countess coup cove covert
cowardice cox coy coyote crab crabby crackle cradle crafty crag craggy cram cranberry crane
cranium crank cranky crave crayfish crayon craze creak creaky creamy crease creek creepy crepe
crept crescendo crestfallen cretin crevasse crevice crib crimson cringe crinkle cripple crispy
crisscross croak crochet crock crocodile crocus crofts crony crook croon croquet crotch crouch
crow crowbar crucifix crucifixion crumb crumble crummy crumple crunchy crusade crust crustacean
crusty crutch crux crypt cub cubicle cuddle cuff cuisine cull cur curb curd curdle curfew curio
curl curricula curt curtail curtsy cushion custody cuticle cyanide cyclone cypress cyst czar dab
dabble dachshund dad daddy daemon daffodil dainty dairy dais daisy dam dame dampen damsel
dandelion dandruff dandy dangle dank darken darn dart daub daunt dawdle daze dazzle deacon
deaden dean dearth deaves debonair debris debunk deceit decibel decorum decoy decrepit deduct
deepen deficit deflect defrost deft defunct deign deject deli delicacy delicatessen delirium
delude deluge deluxe delve demagogue demeanour dementia demon demote den denim denounce
dentistry depict deplete deplore deprave derelict derrick dessert destiny destitute detain
dethrone devolve devour devout dew diabetes diagnose diamond diaphragm diarrhea diarrhoea
diatribe diffuse digress dike dill dilute dime diminish dimple din dinghy dingy dinosaur diocese
dioxide diphtheria diphthong diploma diplomacy diplomat diplomata dirge disavow disburse discern
disciple discord discreet discus disdain disembark disentangle disgruntle dishearten disloyalty
dismantle dispel dispense disperse disrepute dissolute dissuade distil distraught ditty diverge
dividend divorcée divulge dizzy docile dock dodo doggerel doldrums doll dolphin dome domicile
dominion domino doodle dope dopey dote dough doughnut dour douse dove dowdy downy dowry doze
drab drafty drape draughty drawl dreamy dredge dregs drench dressy dribble drizzle droll drone
drool droop dross drought drowse drowsy drudge drunkard dub duchess duct dud dude duel duet duke
dumpy dunce dune dung dungeon dunk dunno duo dupe duplex duress dusk dusky duvet dwarf dwell
dwelt dwindle dye dynamite dynamo dynasty dyslexia débutante earache earl earthquake easel eave
eavesdrop ebb ebony eclipse ecosystem ecstasy eczema eddy edgy edict edifice eel eerie effigy
eigenvalue eighty eject eke elapse elbow electrocute electrolysis elegy eleventh elf elicit elk
ellipse ellipsis elm elope elude elves email embalm embargo embark embassy embellish embezzle
emblem embody emboss embrace embryo emerald emir empathy emphases emphysema emporium empress
enamel encompass encroach encyclopaedia encyclopedia endorse endow enema enigma enliven enrol
ensemble enshrine entangle enthrall enthusiast entice entrench entropy entrée entwine envelop
environs envoy enzyme eon epaulet epidermis epilepsy epilogue epitaph epithet epitome epoch
epsilon equine equinox erect erode erstwhile erudite erupt escapade escort esophagi esophagus
esteem etch ethos eureka euthanasia evade eve evict evoke ewe exalt excel excerpt exclaim
excrete exert exhale exhort exhume exile exodus expanse expedite expel expend expound exquisite
extinct extinguish extol extort extracurricular extradite extrovert exude exult eyebrow eyelash
facade facet facile facsimile fad fade faeces faggot fagot falcon falsetto fang fasten fathom
fatigue fatty fauna fawn faze feast feces feign feint feline felon felony feminine fen fend fern
ferret ferry fertile fervour festoon fetid fetish fetus feud feverish fez fezzes fiancé fiancée
fiasco fib fiche fickle fidget fidgety fiend fiendish fiesta fig filch filet fillet filmy filth
fin finale finch finesse finicky fir firmware fisherman fishermen fishy fizz fizzle flabby flail
flair flak flake flaky flamingo flank flannel flap flapjack flare flashy flask flaunt flea fleck
fleece fleecy fleshy flex flick flighty flimsy flinch flint flirt flit flock flog flop flora
florid floss flotilla flounce flourish flout flu flue fluff fluke flung flunk flunky flurry flux
foamy foe fogey foggy fogy foil folklore folksy fondle foray forceps ford fore forearm forebode
forefront foregone foreground forehead foreleg foreman foremen foremost foreplay foresaw
foreseen foreshadow foresight foreskin foretaste foretell forethought foretold forewarn foreword
forfeit forge forgo forlorn forsaken forsook fort forte fortress foundry fount fowl fox foxy
fracas frail frailty franc fraught fray freckle freight frenzy freshen fret friar frieze fright
frigid frill frisk frisky frizzy fro frock frond frost frostbit frostbite frostbitten frosty
froth frothy fulcrum fumble fungi fungicide fungus funnel furl furlough furnace furnish furore
fury fuzz fête gab gadget gag gaiety gait gala gale gall gallantry galley gallon gallop gallows
galore gambit gamble gamma gamut gangplank gangrene gape garb gardenia gargle gargoyle garish
garland garnet garnish garret garrison gash gasket gaudy gauge gaunt gauntlet gauze gavel gawk
gawky gaze gazelle geese gel gelatin geld gem genera genesis genie genii gentile gentry genus
geranium gerbil germ germicide ghetto ghoul gibe giddy giggle gild gill gilt gimme gimmick
gingerbread gingham giraffe girdle girlish girth gizzard gladden glade glamour gland glandular
glare glassware glassy glaze gleam glen glib glide glimpse glint glisten gloat globe globular
globule gloom gloomy gloss glucose glum glut glutton gluttony glycerin glycerine gnarl gnash
gnat gnaw gnu goad goalie gob gobble goblet goblin goddess goggle gondola gong gonna goo gooey
goof goofy goon goose gore gorge gorilla gosh gouge goulash gourd gourmet gout graft gram
gramophone grandeur grandiose granite granny granola granular granule grape grapefruit grapevine
graphite grapple grassy gravel graven gravy graze grease greet gremlin grenade greyhound griddle
grieve grill grille grime grimy grin gripe gristle grit gritty groggy groin groom groove groovy
grope grotesque grotto grouch grouchy grouse grove grovel growl groyne grub grubby grudge gruel
gruesome gruff grumble grumpy grunt guerrilla guffaw guild guile guillotine gulch gull gullet
gulp gummy guppy gurgle guru gush gust gusty guzzle gybe gym gymnasium gymnast gyroscope habitat
hackney haddock haemoglobin haemophilia hag haggard haggle hairdo hale halibut hallelujah halo
halon hamstrung handcuff handicraft handiwork handkerchief hangar haphazard harangue harass
harbour hare harem hark harlot harmonica harp harpoon harpsichord harrow harry hart haste hatch
hatchet haughty haul haunt haven hawk haze hazel heady hearse heartache hearth hearty heath
heathen heave heckle hedge hedgehog hefty heighten heir heirloom heliport helium hellish helm
hem hemisphere hemlock hemoglobin hemophilia hemp hen henchman henchmen hepatitis herald herb
herein hermaphrodite hermit hernia heroine heron herpes hew hexagon hi hiatus hiccup hick
highbrow hijack hike hilt hind hinge hinterland hippopotamus hippy histogram hitch hitchhike
hoard hoarse hoax hobbit hobble hobgoblin hobnob hobo hock hockey hodgepodge hoe holdup
holocaust homestead homey homicide homonym hone honeycomb honeysuckle honk hoodlum hoodwink hoof
hoop hooray hoot hooves hop hopscotch hormone hornet horny horoscope horseradish hose hostel
hostess hound hove hovel howl hub hubbub huddle hue huff huffy hug hulk hull hullabaloo humid
hump hunch hunchback hundredth hunk hurdle hurl hurrah hurricane hurtle hush husk husky hustle
hutch hyacinth hybrid hydroplane hyena hygiene hymn hyperbole hypnosis hypochondria
hypochondriac hypotenuse hypotheses hysteria iceberg icicle icy idiocy idiosyncrasy idol igloo
ignite iguana ilk illicit illiteracy imbecile immerse imp impasse impeach impede impel imperil
impetus impinge impish implore impoverish impromptu impropriety inadequacy inasmuch incense
incognito indict indigo indiscreet induct inept inert infamy infantry inferno infidel inflexion
influenza influx inhale inky inn innards innuendo inopportune inscribe insecticide insignia
insipid insoluble insomnia instil insular insulin intercede intercept intercom interject
interlude intermingle intern intersperse interstellar intertwine interweave interwove interwoven
intestine intimacy intrepid intricacy intrigue introvert intrude iodine iota ire iris irk isle
isthmus itch itchy ivy jab jackass jackdaw jade jaguar jalopy jamb jangle jar jaundice jaunt
jaunty javelin jaw jawbone jay jaywalk jealousy jell jeopardy jerky jersey jettison jetty jewel
jewelry jibe jiffy jig jiggle jigsaw jilt jingle jinx jockey jocular jog jolt jostle jot judo
jug juggernaut juggle jugular juicy jumble jumbo jumpy junket junkie junta jut jute juxtapose
kaleidoscope kangaroo karat kayak keel keg kelp kennel kerb kerchief kerosene ketchup khaki kiln
kilo kilobyte kilogram kilometre kilowatt kilt kimono kin kinda kindergarten kindle kinfolk kink
kinky kiosk kite kitty kiwi knack knapsack knead kneel knelt knit knob knoll knot knotty knuckle
koala kowtow kudos labyrinth lace lacklustre lacrosse lacy lade laden ladle laggard lagoon lair
lamb lambda lame lampoon languid languish lanky lantern lap lapel lapse larceny lard larva
larvae larynges laryngitis larynx lash lass latch latex lath lathe latrine lattice laud laundry
laurel lava lavish lax leaden leafy leaky leapt lease leash lectern ledge leech leek leeway
legacy legitimacy legume lemme lemonade lengthen lentil leopard leotard leprosy lessen lethargy
lettuce letup leukaemia leukemia levy lewd lexicon liar libretto lice lichen lick licorice lieu
lighten liken lilac lilt limbo lime limelight limerick limestone limousine limp linchpin linen
lingerie lingo linoleum lint liquefy liqueur literacy lithe lithium liturgy liven livid lizard
llama loaf loam loath loathe loathsome loaves lob lobe lobotomy locale locket locust loft lofty
logarithm loin loincloth loll lollipop lone lonesome longish longshoreman longshoremen loom loon
loonie loony loosen loot lop lope lore lotus lounge louse loyalty lozenge lucid lug lukewarm
lull lullaby lumberjack lumpy lunacy lunar luncheon lunge lupin lupine lurch lurid lush lustre
lusty lute lye lymph lynch lyre m ma macabre macaroni mace machete macho mackerel madam madame
madden maelstrom magenta maggot magnesium magnet magnolia magnum magpie mahogany maid maiden
maim majesty makeup malady malaria malice malign mall mallard mallet malpractice malt maltreat
mama mamma mammoth manacle mandolin mane mange mango mangrove mangy maniac manifold mannequin
mannish manoeuvre mantel mantelpiece mantle manuscript maple mar marathon marble mare margarine
maria marigold marijuana marina marine maritime marmalade maroon marrow marsh marshmallow marshy
mart martin martyr marvel mascara mascot masculine mash mason masonry masquerade massacre mast
mat math matinée matriarch matrimony matron matt matte mattress maudlin maul mausoleum mauve
maverick maxim maxima mayhem meadow meagre measles medallion meddle meddlesome mediocre medley
meek megalomaniac megaphone megaton mellow melodrama melon membrane memento memo memoir
memorandum menagerie menopause menthol meow mercantile meringue mermaid mesdames mesh metallurgy
metamorphose metamorphosis mete meteorite metropolis metropolitan mettle mew mezzanine miaow
microbe microcode microfiche microfilm micrometre microphone microscope microsecond midget
midriff midst midstream midway midwife mien migraine mike mildew militia milky milligram
millimetre millionaire millionth millisecond mime mimicry mince mincemeat mingle minibus minion
ministry mink minnow minstrel minuet minuscule mire mirth miscellany misconstrue misdemeanour
mishap misshapen mistletoe mistress misty mite mitt mitten moat moccasin modesty modicum modular
mohair moisten molar molasses moldy mollusc mollusk molt molten monarchy mongoose mongrel monies
monk monogamy monogram monologue monorail monotony monsoon moo moody moose moot mop mope morale
morass moratorium morbid morgue morn morose morphine morsel mortar mosque mosquito moss mossy
motel moth mothball motif motley motorbike motorcade mouldy moult mound mourn mousse moustache
mousy mow mu mucus muddy muff muffin muffle muggy mulch mule mull multi mumps munch murky murmur
muscular muse mush mushroom mushy musk musket muss mussel mustache mustang mustard musty mute
mutiny mutt mutton muzzle myriad nab nag naivety naiveté nap napalm nape napkin nappy natty
naught nausea navel navy nebula nebulae neckerchief necklace necrophilia nectar nectarine needy
neigh neon neophyte nephew nestle nettle neuron neuroses neurosis neutron newbie newsy newt
nibble nicety niche nickel nicotine niece nifty nigh nightingale nightmarish nimble nincompoop
nineteen ninety ninny ninth nip nipple nippy nit nitrogen nitwit nod nomad non nondescript
nonpartisan noodle nook noose nostril nosy notch notoriety nougat nought nourish nova nozzle
nuclei nucleus nude nudge nugget nursemaid nutmeg nutty nuzzle nylon nymph née oaf oak oases
oasis oath obelisk obese oblivion oblong oboe obstacle obstinacy obtuse octagon octave octopus
ocular ode odour oesophagi oesophagus offshore ogle ogre ohm okay okra olden omega omelet omen
omnibus onomatopoeia onrush onset onslaught oodles ooze opaque operand opium opossum opportune
optima oracle orangutan orchard orchid ordain ore orgasm orgy orifice orphan oscilloscope
osmosis ostrich ouch ounce oust outdo outlandish ova oven overdo overhaul overt overwrought ovum
owl ox oxen oxide pa pact paddle paddock paddy pagan pageantry pagoda pail pajamas pall pallid
palm palomino paltry pamphlet panacea pancreas panda pandemonium pane pang panicky panorama
pansy pantomime pap papa papacy papaya paprika papyri papyrus parachute paradigm paraffin
paragon parakeet paralyse paralysis paraphernalia parasite parasol parcel parch pare parish
parka parlour parole parsec parsley parsnip participle partisan partridge passé pasta pastel
pastiche pastime pastry pasty patchy patio patriarch patrimony patrol patron patty paunch
paunchy pave pavilion paw pawn pea peach peacock pear pearl peat pebble pecan peck pedagogy
peddle pedlar peek peel peep peeve peevish peg pelican pellet pelt pelvis pendulum penicillin
peninsula penis pentagon penthouse peon peony pep peppermint perch peril periscope perish perk
perky peroxide perpendicular perplex persona perspire pert pertain perturb pervade pervert pesky
pesticide petite petroleum petticoat petunia pew phantom philanthropy phlegm phobia phoney
phonograph phony phosphorus photon piccolo pickax picket pickle pickup picky picturesque piddle
pierce piety piggish piggyback pike pilgrim pillar pillow pillowcase pimple pincushion pine
pineapple pinnacle piracy piranha pistachio pistol pithy pivot pixie placard placenta placid
plaice plaid plaintiff planar planetarium plank plankton plantain plaque plasma plateau platinum
platoon playwright plaza plead pleasantry pleat pledge plethora plight plod plop plough plow
pluck plucky plum plumb plume plummet plump plunge plush plutonium plywood pneumonia poach
pockmark pod podium poinsettia pokey poky polio polka pollen pollute polo polygamy polygon polyp
pomp poncho pond pontoon pony poodle poop poplar poppy porcelain porch porcupine pore porridge
portfolio portico portrait possum posy potassium pouch poultry pounce pout powwow prairie pram
prank prattle prawn preamble precinct precipice preclude preempt preen prefab prefect prelude
premiere prestige presto pretzel prey prick prickle priestess prim primp primrose privy probe
prod prodigy profane profess progeny prognoses prognosis projectile proletariat prologue prom
promenade prong prop propel prophecy prophesy propriety prospectus protract protrude protégé
province proviso prow prowess prowl proxy prude prudish prune pry précis psalm pseudonym psych
psyche psychiatry psychoanalysis psychoanalyst psychopath psychoses psychosis psychotherapy
puberty puck puddle pudgy pueblo puff puffy puke pulley pulpit puma pumice pummel pumpernickel
pumpkin pundit punk puny pup puppet puppy purport purr purse pus pushy pussy putty pyjamas
pyramid pyre qua quack quadrangle quadruple quadruplet quagmire quail quaint quake qualm
quarantine quark quarrel quarrelsome quarry quart quartet quartz quash quay queasy quell quench
quiche quicken quill quilt quinine quintet quintuplet quip quirk quirky quizzes quorum rabbi
rabble rabies raccoon racy radii radish radium raffle raft ragamuffin rainy raisin rake ramble
ramp ramshackle ranch rancid rancour rankle ransom rap rapport rapt rasp raspberry rattlesnake
ratty ravel raven ravine ravish rayon raze realty ream reap rebel rebellion rebuff rebuke recede
receptacle recess recline recluse recoil recompense recoup rectum recur redden redo reef reek
reel refuge refurbish regale regalia regatta regimen registrar registry regress rehearse
reimburse rein reinforce rejoice relapse relinquish relish reminisce remit remorse renegade
renege renounce renown repel replenish replete replica reprieve reprimand reproach reptile
republican repute requiem rescind reservoir reshuffle residue resolute restraint resurrect
retard retch retina retort retrograde retrospect rev revamp revel revelry revere reverie revoke
revolve revue rhapsody rhino rhinoceros rhododendron rhubarb rib rickety rickshaw ricochet
riddle ridge ridicule rife rifle rift rig rigour rile rim rind ringlet ringworm rink rinse ripe
ripen riposte ripple risqué rite rivalry rivet roach roam roar roast rob robe robin rocky rodeo
roe rogue roguish romp rook rookie roomy roost rostrum rosy rote rotisserie rotund rotunda rouge
roughen rouse rowdy royalty rubble ruby rucksack ruckus ruddy rue ruff ruffle rug rugby rum
rumble rummy rump rumple rune runny runt ruse rust rustle rut rye saboteur sabre sac sacrilege
saddle safari saffron sag sagebrush salad salami saliva sallow salmon salon saloon salty salute
salve sanatorium sandy sanitarium sanserif sap sapphire sardine sari sash sassy satchel satin
saucy sauerkraut sauna sauté saviour savour savoury savvy saxophone scab scaffold scalar scald
scallop scalp scalpel scanty scapegoat scar scarecrow scarves sceptre schizophrenia scoff scold
scoop scoot scorch scorn scorpion scoundrel scour scourge scout scowl scrabble scram scramble
scrape scratchy scrawl scrawny screech screwy scribble scribe scrounge scrub scruff scruffy
scruple scrutiny scuff scuffle scurry scuttle scythe seam seamstress sear seashore secede
seclude secrecy secrete sedan seduce seedy seep selves semen senile sentry sepulchre sequin
serenade serene serum servile seventeen seventy sew sewn shabby shack shackle shadowy shady
shaft shaggy sham shamble shampoo shamrock shanty shark sharpen shave shaven shawl sheaf shear
sheath sheathe sheave sheen sheepish sheikh shepherd sherbet sheriff sherry shield shifty shin
shingle shire shirk shod shoddy shoelace shoo shore shovel showy shrank shrapnel shrew shrewd
shriek shrill shrimp shrine shrink shrivel shroud shrub shrug shrunk shrunken shuck shuffle shun
shunt shuttle sickle sidle siege sierra siesta sieve sift silk silken sill silo silt silverware
simile simplex sinew sinewy singe sinus sip siphon sire siren sirloin sissy sizzle skateboard
skein sketchy skew ski skid skillet skim skimp skimpy skinflint skinny skirmish skit skittish
skulk skunk slab slack slacken slain slake slam slap slapstick slat slavish slay sleazy sleek
sleepy sleet sleeve sleigh slew slick slime slimy slingshot slink slipshod slit slob slog slop
slosh sloth slouch sludge slug sluggish sluice slum slump slung slunk slur slush slut smack
smallpox smear smelt smidgen smirk smite smithereens smitten smock smog smoky smote smudge
smuggle smut snake snap snappy snapshot snare snarl snatch sneeze snide sniffle snip snipe
snippet snitch snob snobbish snoop snooty snooze snore snorkel snort snot snout snowflake
snowplough snowplow snowy snub snuff snug snuggle soak soapy soar sob sobriety soda sodden
sodium sodomy sofa soften soggy sojourn solace solemn solicit solitaire soluble sombre
somersault sonata soot soothe sooty sop sophistry sophomore soprano sorceress sorrow sorta
soufflé sour southpaw souvenir sovereign sovereignty sow sown spa spade spaghetti spangle
spaniel spank spar spark sparkle sparrow sparse spasm spat spatula spawn spay spear spearhead
spearmint speck spectacle spectra spectre speedy spendthrift sperm spew sphinx spice spicy spilt
spinach spine spire spittle splash splat spleen splendour splice splint splurge sponge spongy
spook spooky spoon spore sporran spotty spouse sprain sprawl sprig springy sprinkle sprint
sprout spruce spry spud spun spunk spurn spurt squabble squadron squalid squall squat squawk
squeak squeaky squeamish squelch squid squint squire squirm squirrel squirt stab stadium stag
staid stain stalk stalwart stamina stampede stanch standby stank stanza staple starch starchy
starry statue statute staunch stave steadfast steak stealth steamy steeple stellar stench
stencil stern stethoscope stew stewardess stiffen stifle stigma stigmata stimuli stimulus stingy
stink stint stirrup stitch stockade stocky stodgy stoke stolid stomp stony stool stoop stork
stormy stout stove stow stowaway straddle straggle straighten strait straitjacket strand
strangle strap strata stratagem stratosphere stratum strawberry streak strew strewn stricken
stridden stride strife stringy stripe striven strode stroll strove strum strung strut stub
stubble stubborn stubby stud stuffy stump stung stunk stupefy sturdy stylish stylus suave sub
sublime submarine subsidy subterfuge subterranean subtract suburb subvert succinct succour
succumb suck suckle suds suede sulfur sulk sulky sullen sulphur sultan sultry summit summon
sunbathe sundae suntan sunup sup supersede supple supremacy surcharge surf surfboard surge
surgeon surmount surpass suspense swab swampy swan swarm swarthy swat swathe sway sweaty sweeten
swell swerve swift swig swill swindle swine swipe swirl swish swivel swollen swoon swoop swung
syllabus synagogue synapse synopses synopsis syntheses syphilis syringe syrup tabby tabernacle
tablespoon tabloid taboo tacit taciturn tacky taco tact tadpole taint talc talisman tallow talon
tambourine tan tandem tang tangerine tangle tango tankard tantamount tantrum tar tarantula tardy
tariff tarnish tarpaulin tarry tart tartan tartar tassel tasty tattle tattoo tatty taunt taut
tavern tawdry tawny taxicab teak tease teaspoon teat tedium teem teen teethe telegram telegraph
telepathy teletype tempo tendril tenet tentacle tepid termini terminus termite terrace terrain
testicle testimony testis tetanus textile thatch thaw thereon thermostat thesauri thesaurus
theta thicken thicket thigh thimble thirsty thirteen thistle thong thorn thorny thousandth
thrash thresh thrice thrift thrifty thrill throb throne throng throttle thud thug thump
thunderbolt thunderstorm thunderstruck thwart thyme thyroid tiara tickle ticklish tidbit tide
tiff tighten tightwad tilde tilt timid tinge tingle tinkle tinny tinsel tint tipsy tirade tissue
tit titbit toboggan toddle toga toil tomahawk tomb tomboy tombstone tomcat tong tonne tonsil
tonsillitis toot toothache topaz topple torch tornado torpedo torque torrid torso tortilla tot
tote totem toucan touchy toughen tourniquet tousle tout tow towel toxin tract trait tramp
trample trampoline tranquil transact transcend transcribe transgress transpire transpose
transverse trapeze trapezoid trashy trauma traverse travesty trawl treacle treason treasury
treble trellis tremble trench trespass trestle triangular tribute trickle tricycle trigonometry
trill trillion trim trinket trio tripe tripod trite trod trodden troll trombone trophy trot
trough trounce troupe trout trowel truce trudge truffle trump tsar tub tuba tuberculosis tubular
tuck tuft tug tulip tumble tummy tumour tumult tuna tundra turban turbine tureen turf turgid
turkey turmoil turnip turnpike turpentine turret turtle turtleneck tusk tussle tuxedo twang
tweak tweet twelfth twiddle twig twilight twine twinge twinkle twirl twitch tycoon typhoid
typhoon typhus tyranny ultimatum ultra ultraviolet umpire umpteen uncanny uncouth undertow
unfasten unforeseen unfurl unicorn unicycle unison unkempt unleash unravel unsavoury untangle
untrustworthy unveil unwieldy uproar uranium urbane urchin urine urn usurp utensil uteri uterus
utmost vaccine vagabond vagina vaginae valentine valet valour vampire vane vanilla vanquish
vapour varnish vase vault veil velour velvet velvety venison venom ventricle veranda verge
vermin vernacular vertebra vertebrae vertigo verve vestibule vestige veteran veto vex viaduct
vie vigil vigilante vigour villa villain villainy vine vinegar vineyard viola violet virile
virtuoso visa vista vitamin vivid vodka vogue volatile volcano volley volleyball volt voodoo
vortex vow vulgar wad waddle waft wag wagon waif wail waistline waitress waken wallop wallow
walnut walrus waltz wan wand wane wanna wanton warble warden wardrobe warmth warren wart wasp
watermelon watt wavy wax waxy weaken wean weaponry wearisome weave web wedge weedy weep weighty
weirdo weld welt wept werewolves whack wharf wharves wheat wheedle wheelbarrow wheeze wherein
whet whew whiff whine whinny whip whir whirl whirlpool whirlwind whirr whisk whiten whittle whiz
whizz whoa whore wick wicket widen widow wield wig wiggle wigwam willow wilt wince winch
windowpane windshield windy wink wiry wisp wispy wiz wobble woe wok wolves womb woo woody woof
wool woolen woollen wordy worrisome worsen wot wove woven wrangle wreak wreath wreathe wrench
wrestle wretch wriggle wright wrinkle writ writhe wrought wrung wry xenophobia xylophone yacht
yak yam yank yap yarn yearn yeast yell yelp yen yew yodel yoga yogurt yoke yokel yolk yowl yuck
zany zebra zenith zeta zigzag zillion zinc zip zodiac zombie zoo zucchini éclair
"""

_SUFFIXES = (
    "tion", "sion", "ment", "ness", "ity", "ism", "ist", "ous", "ive", "able", "ible", "al",
    "ic", "ics", "ance", "ence", "ancy", "ency", "ery", "ory", "ary", "ure", "ship", "hood",
    "dom", "less", "ful", "ize", "ise", "yze", "ify", "logy", "graphy", "cracy", "crat", "ant",
    "ent", "ate", "ing", "ed", "er", "or", "ly", "ward", "wise", "like", "age", "ee", "ette",
    "est", "ian", "ique", "tude", "teenth", "ieth",
)  # fmt: skip
_PREFIXES = (
    "un", "re", "dis", "de", "en", "in", "im", "il", "ir", "non", "over", "under", "anti",
    "counter", "self", "mis", "pre", "post", "inter", "sub", "super", "semi", "multi", "co",
    "out", "up",
)  # fmt: skip


@functools.cache
def _bands() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    return frozenset(_BAND_1.split()), frozenset(_BAND_2.split()), frozenset(_BAND_3.split())


def bases(word: str) -> list[str]:
    """Return *word* and the base forms it may be a regular inflection of.

    >>> bases("parties")
    ['parties', 'party', 'parti', 'partie']
    >>> bases("striking")
    ['striking', 'strik', 'strike']
    """
    out = [word]
    if word.endswith("ies"):
        out.append(word[:-3] + "y")
    if word.endswith("es"):
        out.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss"):
        out.append(word[:-1])
    if word.endswith("ied"):
        out.append(word[:-3] + "y")
    if word.endswith("ed"):
        out += [word[:-2], word[:-1]]
        if len(word) > 4 and word[-3] == word[-4]:
            out.append(word[:-3])  # stopped -> stop
    if word.endswith("ing") and len(word) > 4:
        out += [word[:-3], word[:-3] + "e"]
        if len(word) > 5 and word[-4] == word[-5]:
            out.append(word[:-4])  # running -> run
    return out


def band(word: str) -> int:
    """Return how common an English word is: 1 very, 2 common, 3 less, 0 not English.

    >>> band("councils"), band("regime"), band("rebellions"), band("knob"), band("toman")
    (1, 2, 3, 3, 0)
    """
    low = word.lower()
    first, second, third = _bands()
    forms = bases(low)
    if any(form in first for form in forms):
        return 1
    if any(form in second for form in forms):
        return 2
    if any(form in third for form in forms) or _built(low, forms):
        return 3
    return 0


def _built(word: str, forms: list[str]) -> bool:
    """Tell whether *word* is made as English words are: suffix, prefix or compound."""
    first, second, third = _bands()

    def known(part: str) -> bool:
        return any(f in first or f in second or f in third for f in bases(part))

    for form in forms:
        if form.endswith(_SUFFIXES):
            return True
        for prefix in _PREFIXES:
            if form.startswith(prefix) and len(form) - len(prefix) > 2:
                if known(form[len(prefix) :]):
                    return True
        for cut in range(3, len(form) - 2):
            if known(form[:cut]) and known(form[cut:]):
                return True
    return False


def listed(word: str) -> bool:
    """Tell whether the lower-case *word* is in the lists as it is, a base form.

    >>> listed("committee"), listed("committees"), listed("toman")
    (True, False, False)
    """
    return any(word in words for words in _bands())


def is_function_word(word: str) -> bool:
    """Tell whether *word* (any case, contractions too) is a function word.

    >>> is_function_word("The"), is_function_word("they’re"), is_function_word("strike")
    (True, True, False)
    """
    low = word.lower().replace("\u2019", "'")
    if low in FUNCTION_WORDS:
        return True
    head, apostrophe, tail = low.partition("'")
    # Contractions: don't, they're, it's, we'll; a possessive (worker's) is no contraction.
    return bool(apostrophe) and (
        tail in ("t", "re", "ve", "ll", "d", "m") or (tail == "s" and head in FUNCTION_WORDS)
    )
