/**
 * Common first names of children born in England and Wales, for the personal-data check: a name
 * from this list, written with a capital, in a quote or a "you said, we did" update is probably a
 * person (a health visitor, a child, a neighbour). Put together from the Office for National
 * Statistics' "Baby names in England and Wales" lists (the most common boys' and girls' names of the
 * 1970s to the 2020s, so parents', staff's and children's names are all here), lower case.
 * Names that are also everyday English words ("Will", "May", "Grace", "Hope") are in `wordNames`:
 * they count only where the sentence says it is a person (after a title or "my son").
 */
export const ukFirstNames: readonly string[] = `
aaliyah aaron abdul abdullah abigail ada adam adrian ahmed aidan aiden aisha alan albert alex alexander alexandra alfie
alice alicia alison aliyah amanda amber amelia amelie amir amy ana andrea andrew angela ann anna anne annabelle anthony
archie aria ariana arlo arthur asher ashley ava ayaan ayesha barbara barry beatrice bella ben benjamin bethany beverley
bilal billy blake bobby bonnie brandon brian bradley caitlin callum cameron carl carla carol caroline carter catherine
charles charlie charlotte chelsea cheryl chloe christine christopher claire clara colin connor craig daisy daniel danielle
darren david dawn dean deborah declan denise dennis derek dexter diana dominic donna dylan edith edward eleanor elijah
eliza elizabeth ella ellie elliot elliott eloise elsie emilia emily emma eric erin esme ethan eva evelyn evie ezra faisal
fatima felix finley finn florence frances francesca frankie freddie freya gabriel gary gemma george georgia gillian gordon
graham hannah harley harper harriet harrison harry harvey hassan hayley heather heidi helen henry holly hugo ibrahim
imogen isaac isabel isabella isabelle isaiah isla ismail jack jackson jacob jacqueline jade jake james jamie jane janet
jasmine jason jayden jennifer jenny jessica joanne joe joel john jonathan jordan joseph joshua jude julie kai karen katie
kayla kayleigh keith kelly kevin kieran kyle laila laura lauren layla leah lee leo leon leonardo lewis liam lily linda
lisa logan lola louie louis louise lucas lucy luke luna lydia maddison maisie margaret maria mariam marie mark martin
maryam mason matilda matthew maya megan melissa mia michael michelle millie mohammed mohammad muhammad molly musa
naomi natalie nathan neil nicholas nicola niamh noah nora oliver olivia omar oscar paige pamela patricia paul pauline
penelope peter phoebe phoenix poppy rachel rebecca reggie rhys richard riley robert robyn ronnie rory rosie roxanne ruby
ryan sadie safa sally samantha samuel sandra sara sarah scarlett sean sebastian shannon sharon shaun sienna simon
sofia sophia sophie stacey stanley stella stephanie stephen steven stuart susan sylvia tanya teddy theo theodore thomas
tiffany tina tommy tracey tracy tyler vanessa victoria vincent wendy william yasmin yusuf zachary zahra zain zara zoe
aimee alfred alisha ali amna anya arjun aryan bethan carys cerys chantelle darcey darcie dolly edie eden elsa emmanuel
esther evan ewan fiona fraser georgina gracie hamza harriett iris jacob jaxon jenna jodie kacper karolina kasia kayden
keira kian lacey lexi lilly lottie macie malachi maisy mateo maximilian max miley mollie myla nadia nathaniel neve nina
ollie otis priya rafferty reuben rihanna roman romeo rowan ruth sam sami sana sebastian sienna tariq toby travis una
wiktoria zofia zuzanna oskar jakub szymon filip antoni aleksander julia maja lena hanna amelka andrei ionut alexandru
ioana elena maria gabriela irina mihai stefan bogdan raluca simran harpreet gurpreet manpreet jaspreet amrit navdeep
sunita anita rajesh ravi sanjay suresh deepak priyanka pooja neha rohan vikram aarav aanya saanvi kiran usman imran
bilal tahir sadia nadia hira mehwish khadija zainab asma aliya amina yusra sumaya rukhsana shazia nasreen
`.trim().split(/\s+/);

/** First names that are also ordinary words: a name only after a title or "my son/daughter". */
export const wordNames: ReadonlySet<string> = new Set([
  'will', 'may', 'grace', 'hope', 'faith', 'summer', 'joy', 'bill', 'rose', 'violet', 'ivy', 'autumn', 'april', 'june',
  'dawn', 'holly', 'ruby', 'daisy', 'poppy', 'amber', 'heather', 'jade', 'crystal', 'skye', 'sky', 'river', 'storm',
  'rich', 'mark', 'pat', 'sue', 'bob', 'art', 'jack', 'frank', 'sunny', 'honey', 'angel', 'star', 'chase', 'hunter',
  'rowan', 'willow', 'hazel', 'iris', 'lily', 'olive', 'pearl', 'ginger', 'max', 'ray', 'dean', 'guy', 'sam', 'kai',
  'eden', 'sage', 'bliss', 'harmony', 'melody', 'unity', 'miley', 'reggie',
]);
