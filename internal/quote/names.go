package quote

import "strings"

// gender is the grammatical gender a pronoun or a name asks for.
type gender int

const (
	genderUnknown gender = iota
	genderMale
	genderFemale
)

// maleNames and femaleNames are common first names, in lower case.
var maleNames = set(`aaron abdul adam adrian ahmed al alan albert alex alexander alfred ali allen andrew andy
angus anthony antonio arnold arthur austin barack barry ben benjamin bernard bernie bill billy bob bobby brad
bradley brandon brent brett brian bruce bryan carl carlos cecil chad charles charlie chris christopher chuck
clarence clark claude clint cliff clifford cody colin corey craig curt curtis dale dan daniel danny darrell
dave david dean dennis derek dick don donald doug douglas duncan dwight earl ed eddie edward elijah elliot
eric ernest eugene evan frank franklin fred frederick gabriel gary gene geoffrey george gerald glenn gordon
graham greg gregory harold harry harvey hector henry herbert howard hugh ian isaac ivan jack jacob jake
james jason jay jeb jeff jeffrey jeremy jerome jerry jesse jim jimmy joe joel john johnny jon jonathan jorge
jose joseph josh joshua juan julian justin karl keith ken kenneth kevin kurt kyle larry lawrence lee leo
leon leonard lewis lindsey lloyd louis luis luke malcolm marco marcus mario mark martin marvin matt matthew
max michael miguel mike mitch mitchell mohammed muhammad nathan neil nelson newt nicholas nick nigel noah
norman oliver omar oscar patrick paul pedro peter phil philip ralph randy ray raymond reince reggie richard
rick rob robert roberto rod rodney roger roland ron ronald ross roy rudy russell ryan sam samuel scott sean
sergei seth shawn sidney simon stanley stephen steve steven stuart ted terry thomas tim timothy todd tom tommy
tony travis trey troy tyler victor vincent vladimir wade walter warren wayne wesley william willie zach
zachary`)

var femaleNames = set(`abby abigail ada alice alicia alison amanda amber amy andrea angela angelina anita ann
anna anne annie april ashley audrey barbara beatrice betsy betty beverly bonnie brenda bridget brittany
camille candace carla carly carmen carol caroline carolyn catherine cathy cecile charlotte cheryl chelsea
christina christine cindy claire clara claudia colleen connie courtney crystal cynthia dana danielle dawn
debbie deborah debra denise diana diane donna doris dorothy edith eileen elaine eleanor elena elise
elizabeth ellen emily emma erica erin esther eva evelyn faith fiona frances gabrielle gail gina gloria grace
gretchen gwen hannah hazel heather heidi helen hillary holly hope huma irene iris isabel jackie jacqueline
jane janet janice jean jeanne jennifer jenny jessica jill joan joanne jodi josephine joy joyce judith judy
julia julie june karen kate katherine kathleen kathryn kathy katie kay kayleigh kellyanne kim kimberly
kirsten kristen laura lauren leah lily linda lisa lois loretta lori lorraine louise lucy lynn madeleine
maggie margaret maria marie marilyn marion marsha martha mary megan megyn melania melissa michele michelle
mildred monica nancy naomi natalie nicole nikki nina nora olivia pam pamela patricia patty paula pauline
peggy penny phyllis priscilla rachel rebecca regina rita roberta rosa rose ruth sally samantha sandra sandy
sara sarah sharon sheila shirley sonia sophia stacy stephanie sue susan suzanne sylvia tammy tanya teresa
theresa tiffany tina tracy valerie vanessa vera veronica victoria virginia wanda wendy yvonne zoe`)

// maleWords and femaleWords are titles and role nouns that tell gender.
var maleWords = set(`mr mr. he his him himself man father son brother husband king prince congressman
businessman chairman spokesman councilman sir lord`)
var femaleWords = set(`mrs mrs. ms ms. she her herself woman mother daughter sister wife queen princess
congresswoman businesswoman chairwoman spokeswoman councilwoman lady madam`)

// places are countries, US states and major cities: capitalised names that
// are never a person's and so never the antecedent of "he" or "she".
var places = set(`afghanistan africa alabama alaska albania algeria america arizona arkansas asia
australia austria baghdad baltimore bangladesh beijing belgium berlin boston brazil britain brussels
california canada carolina charleston chicago china cleveland colombia colorado connecticut cuba dakota
dallas delaware denver des detroit egypt england europe florida france georgia germany greece hampshire
havana hawaii houston idaho illinois india indiana indonesia iowa iran iraq ireland israel italy
jacksonville japan jersey jerusalem jordan kabul kansas kentucky korea kuwait las lebanon libya london
los louisiana maine manchester manhattan maryland massachusetts mexico miami michigan milwaukee minnesota
mississippi missouri montana moscow nashua nebraska nevada nigeria oakland ohio oklahoma oregon orlando
pakistan palestine paris pennsylvania philadelphia philippines phoenix pittsburgh poland portland portugal
qatar russia saudi scotland seattle spain sweden switzerland syria taiwan tehran tennessee texas tokyo
turkey ukraine utah vegas venezuela vermont vietnam virginia wales washington wisconsin wyoming yemen york
zealand street avenue capitol dc d.c. u.s. u.s u.k. uk usa nh n.h. manchester`)

// isPlaceName reports whether a capitalised name is (or ends in) a place
// ("New Hampshire", "Nashua, N.H."), unless it begins with a known first
// name ("Jim Jordan").
func isPlaceName(name string) bool {
	f := strings.Fields(strings.ToLower(name))
	if len(f) == 0 {
		return false
	}
	if len(f) > 1 && (maleNames[f[0]] || femaleNames[f[0]]) {
		return false
	}
	return places[f[len(f)-1]] || places[strings.Trim(f[len(f)-1], ",.")]
}

// genderOf guesses the gender of a speaker phrase from its title or role
// noun and its first name.
func genderOf(phrase string) gender {
	for w := range strings.FieldsSeq(strings.ToLower(phrase)) {
		w = strings.Trim(w, ",.")
		switch {
		case maleWords[w] || maleWords[w+"."]:
			return genderMale
		case femaleWords[w] || femaleWords[w+"."]:
			return genderFemale
		case titles[w] || particles[w]:
			continue
		case maleNames[w] && !femaleNames[w]:
			return genderMale
		case femaleNames[w] && !maleNames[w]:
			return genderFemale
		}
		return genderUnknown // the first name is unknown
	}
	return genderUnknown
}

// pronounGender returns the gender and number a subject pronoun asks for.
func pronounGender(p string) (g gender, plural bool) {
	switch strings.ToLower(p) {
	case "he":
		return genderMale, false
	case "she":
		return genderFemale, false
	case "they":
		return genderUnknown, true
	}
	return genderUnknown, false
}
